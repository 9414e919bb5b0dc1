import { z } from 'zod'
import type { ReturnKind } from '../../domain/notifications/index.js'
import { parseMailbox } from './mail-sender.js'
import type { OutboxStore } from './outbox-store.js'
import type { SuppressionList } from './suppression-list.js'

const recipients = z.array(z.object({ emailAddress: z.string().min(3).max(320) })).max(50)

/**
 * SES's event for a message that came back, as its configuration set's event destination
 * puts it on EventBridge's default bus (`source: aws.ses`): only what we read.
 */
export const sesReturnEvent = z.object({
  source: z.literal('aws.ses'),
  'detail-type': z.string(),
  detail: z.object({
    eventType: z.string(),
    mail: z.object({ tags: z.record(z.string(), z.array(z.string())).optional() }),
    bounce: z
      .object({ bounceType: z.string(), bouncedRecipients: recipients, timestamp: z.string() })
      .optional(),
    complaint: z.object({ complainedRecipients: recipients, timestamp: z.string() }).optional(),
  }),
})
export type SesReturnEvent = z.infer<typeof sesReturnEvent>

/** Whether a Lambda event is one of SES's (rather than a stream batch or a schedule's tick). */
export const isSesEvent = (event: unknown): boolean =>
  typeof event === 'object' &&
  event !== null &&
  (event as { source?: unknown }).source === 'aws.ses'

/**
 * What a return says: a permanent bounce or a complaint stops mail to its addresses; a
 * transient bounce (a full mailbox) or anything else stops nothing.
 */
const returnOf = ({
  detail,
}: SesReturnEvent): { kind: ReturnKind; addresses: string[]; at: string } | undefined => {
  if (detail.eventType === 'Bounce' && detail.bounce?.bounceType === 'Permanent') {
    const { bouncedRecipients, timestamp } = detail.bounce
    return {
      kind: 'hard-bounce',
      addresses: bouncedRecipients.map((r) => r.emailAddress),
      at: timestamp,
    }
  }
  if (detail.eventType === 'Complaint' && detail.complaint) {
    const { complainedRecipients, timestamp } = detail.complaint
    return {
      kind: 'complaint',
      addresses: complainedRecipients.map((r) => r.emailAddress),
      at: timestamp,
    }
  }
  return undefined
}

export interface ReturnSummary {
  readonly kind: ReturnKind | 'ignored'
  readonly suppressed: number
  readonly marked: boolean
}

/**
 * Records a message that came back: each address suppressed by its blind index (never kept
 * in clear), and the outbox message it answers (its `outbox` tag) marked returned, so staff
 * see it.
 *
 * @example await recordReturn({ outbox, suppressions, emailIndex })(sesEvent)
 */
export const recordReturn =
  ({
    outbox,
    suppressions,
    emailIndex,
  }: {
    outbox: OutboxStore
    suppressions: SuppressionList
    emailIndex: (email: string) => Promise<string>
  }) =>
  async (event: unknown): Promise<ReturnSummary> => {
    const returned = returnOf(sesReturnEvent.parse(event))
    if (!returned) return { kind: 'ignored', suppressed: 0, marked: false }
    let suppressed = 0
    for (const address of returned.addresses) {
      const index = await emailIndex(parseMailbox(address).address)
      if (await suppressions.add(index, { reason: returned.kind, since: returned.at }))
        suppressed += 1
    }
    const ref = sesReturnEvent.parse(event).detail.mail.tags?.outbox?.[0]
    const marked =
      ref === undefined ? false : await outbox.markReturned(ref, returned.kind, returned.at)
    return { kind: returned.kind, suppressed, marked }
  }
