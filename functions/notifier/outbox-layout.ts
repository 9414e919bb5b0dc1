import { z } from 'zod'
import { slug } from '../../domain/events/index.js'
import { messageKind, outboxStateSchema } from '../../domain/notifications/index.js'
import { tables } from '../shared/tables.js'

/**
 * The Outbox table's items (functions/shared/tables.ts `outbox`: pk S, sk S, GSI `byDue` on
 * duePk/dueSk), read and written only by this module:
 *
 * - a message:     `edition#<editionId>` / `msg#<applicationId>#<position, 12 digits>#<recipient>`:
 *                  one per event and recipient, whose person is named by reference only (the
 *                  application, the start-up, the role), never by an address. While pending
 *                  it is also in `byDue` under `due` / `<dueAt>`, and always in
 *                  `byApplication` under its `applicationId` / `sk` (staff's view of one
 *                  application's messages).
 * - a suppression: `suppressed#<emailIndex>` / `suppression`: an address that bounced or
 *                  complained, by its blind index (functions/personal-data/vault.ts).
 * - the checkpoint: `notifier` / `checkpoint`, the last Feed position queued.
 *
 * Every message of an edition in one partition: staff read them in one Query (a few hundred
 * items), and the rush before a deadline writes a few hundred items a minute to it, far
 * below a partition's thousand writes a second.
 */
export const recipientRoles = ['application-contact', 'registered-contact'] as const

export const dueIndex = tables.outbox.globalIndexes[0].indexName
export const applicationIndex = tables.outbox.globalIndexes[1].indexName
export const duePartition = 'due'

export const messageKey = (
  editionId: string,
  applicationId: string,
  position: number,
  recipient: string,
) => ({
  pk: `edition#${editionId}`,
  sk: `msg#${applicationId}#${String(position).padStart(12, '0')}#${recipient}`,
})
export const editionMessagesPk = (editionId: string) => `edition#${editionId}`
/** The sort keys of one application's messages, whatever its edition (`byApplication`). */
export const applicationMessagesPrefix = (applicationId: string) => `msg#${applicationId}#`
export const checkpointKey = { pk: 'notifier', sk: 'checkpoint' } as const
export const suppressionKey = (emailIndex: string) => ({
  pk: `suppressed#${emailIndex}`,
  sk: 'suppression',
})

export const outboxItemSchema = outboxStateSchema.extend({
  editionId: slug,
  applicationId: z.string().min(1).max(100),
  startupId: z.string().min(1).max(100),
  /** The event the message tells of, and its place in the Feed. */
  eventId: z.string(),
  position: z.number().int().min(1),
  kind: messageKind,
  recipient: z.enum(recipientRoles),
  queuedAt: z.string(),
})
/** One message to one person, as the outbox keeps it. */
export type OutboxItem = z.infer<typeof outboxItemSchema>

/**
 * A message's reference outside the table (an SES tag, a local header): letters, digits,
 * `-`, `_` and `.` only, as SES tags want, and enough to find its item again.
 *
 * @example messageRef(item) // 'ces-2028.0192f0a0-….000000000042.application-contact'
 */
export const messageRef = (
  item: Pick<OutboxItem, 'editionId' | 'applicationId' | 'position' | 'recipient'>,
) =>
  `${item.editionId}.${item.applicationId}.${String(item.position).padStart(12, '0')}.${item.recipient}`

const refPattern =
  /^([a-z0-9-]+)\.([A-Za-z0-9-]+)\.(\d{12})\.(application-contact|registered-contact)$/

/** The item a reference names, or undefined for anything else. */
export const keyOfRef = (ref: string) => {
  const [, editionId, applicationId, position, recipient] = refPattern.exec(ref) ?? []
  if (!editionId || !applicationId || !position || !recipient) return undefined
  return messageKey(editionId, applicationId, Number(position), recipient)
}
