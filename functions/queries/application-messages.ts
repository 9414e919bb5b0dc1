import { z } from '@hono/zod-openapi'
import {
  givenUpReasons,
  mayHaveArrivedTwice,
  messageKinds,
  notSentReasons,
  returnKinds,
} from '../../domain/notifications/index.js'
import { recipientRoles, type OutboxItem } from '../notifier/outbox-layout.js'
import type { OutboxStore } from '../notifier/outbox-store.js'

/** Why a message was never sent, or stopped being tried: a contact gone, an address refused, tries spent. */
export const stopReasons = [...notSentReasons, ...givenUpReasons] as const
export type StopReason = (typeof stopReasons)[number]

/**
 * Where one message stands, for staff:
 * - `queued`: not tried yet, due at `nextAttemptAt`;
 * - `sending`: an attempt under way since `lastAttemptAt` (taken again at `nextAttemptAt`
 *   if it never settles);
 * - `retrying`: tried `attempts` times, failed (`lastError`), tried again at `nextAttemptAt`;
 * - `sent`: the mail service took it at `sentAt`; `returned` if it bounced or was
 *   complained of afterwards;
 * - `stopped`: never sent and no longer tried, `because` (at `stoppedAt`).
 */
export const messageStates = ['queued', 'sending', 'retrying', 'sent', 'stopped'] as const

export const applicationMessage = z
  .object({
    kind: z.enum(messageKinds),
    to: z.enum(recipientRoles).openapi({
      description:
        'Whom, by role: the application’s contact, or the start-up’s registered contact (the held notice). Never an address.',
    }),
    queuedAt: z.string(),
    state: z.enum(messageStates),
    attempts: z.number().int().min(0),
    sentAt: z.string().optional(),
    nextAttemptAt: z.string().optional(),
    lastAttemptAt: z.string().optional(),
    lastError: z
      .string()
      .optional()
      .openapi({ description: 'Why the last attempt failed, in words that name no address' }),
    because: z.enum(stopReasons).optional(),
    stoppedAt: z.string().optional(),
    returned: z.object({ kind: z.enum(returnKinds), at: z.string() }).optional(),
    language: z.enum(['fr', 'en']).optional(),
    mayHaveArrivedTwice: z.boolean().openapi({
      description:
        'An attempt was interrupted between the hand-over and its record: the person may have it twice (at most)',
    }),
  })
  .openapi('ApplicationMessage')
export type ApplicationMessage = z.infer<typeof applicationMessage>

export const applicationMessages = z
  .object({
    applicationId: z.string(),
    editionId: z.string().optional().openapi({ description: 'The edition the messages are about; absent when there is none' }),
    messages: z.array(applicationMessage),
  })
  .openapi('ApplicationMessages')
export type ApplicationMessages = z.infer<typeof applicationMessages>

const stateOf = (item: OutboxItem): ApplicationMessage['state'] => {
  if (item.status === 'sent') return 'sent'
  if (item.status !== 'pending') return 'stopped'
  if (item.inFlight) return 'sending'
  return item.attempts === 0 ? 'queued' : 'retrying'
}

/**
 * One outbox item as staff see it: what, to whom by role, and where it stands. The outbox
 * holds no address and no body, so neither can leak here.
 *
 * @example messageView(item) // { kind: 'received', to: 'application-contact', state: 'sent', sentAt: '…', … }
 */
export const messageView = (item: OutboxItem): ApplicationMessage => {
  const state = stateOf(item)
  const because = item.notSent ?? item.gaveUp
  return {
    kind: item.kind,
    to: item.recipient,
    queuedAt: item.queuedAt,
    state,
    attempts: item.attempts,
    ...(item.sentAt ? { sentAt: item.sentAt } : {}),
    ...(item.status === 'pending' && item.dueAt ? { nextAttemptAt: item.dueAt } : {}),
    ...(item.lastAttemptAt ? { lastAttemptAt: item.lastAttemptAt } : {}),
    ...(item.lastError ? { lastError: item.lastError } : {}),
    ...(state === 'stopped' && because ? { because } : {}),
    ...(state === 'stopped' && item.settledAt ? { stoppedAt: item.settledAt } : {}),
    ...(item.returned ? { returned: item.returned } : {}),
    ...(item.language ? { language: item.language } : {}),
    mayHaveArrivedTwice: mayHaveArrivedTwice(item),
  }
}

/** What the staff view reads of the outbox. */
export type OutboxReader = Pick<OutboxStore, 'ofApplication'>

/**
 * Every message of one application, oldest event first: an application unknown, or with
 * nothing sent yet, lists none (the outbox is all this reads).
 *
 * @example const { messages } = await loadApplicationMessages(outbox, applicationId)
 */
export const loadApplicationMessages = async (
  outbox: OutboxReader,
  applicationId: string,
): Promise<ApplicationMessages> => {
  const items = (await outbox.ofApplication(applicationId)).sort(
    (a, b) => a.position - b.position || a.recipient.localeCompare(b.recipient),
  )
  const editionId = items[0]?.editionId
  return { applicationId, ...(editionId ? { editionId } : {}), messages: items.map(messageView) }
}
