import type { EventType } from '../events/index.js'
import { toPublicEvent, type PublicEvent } from '../partner-access/public-event.js'
import type { FeedEvent } from '../projections/projection.js'

/** A webhook's body, as Standard Webhooks lays it out: `{ type, timestamp, data }`. */
interface WebhookBody {
  readonly type: EventType
  readonly timestamp: string
  readonly data: PublicEvent
}

/**
 * The body posted for an event: the same bytes on every attempt (the signature's
 * timestamp changes, the body does not), so the receiver can dedupe on `webhook-id`.
 *
 * @example JSON.stringify(webhookBody(feedEvent))
 */
export const webhookBody = (event: FeedEvent): WebhookBody => ({
  type: event.type,
  timestamp: event.recordedAt,
  data: toPublicEvent(event),
})
