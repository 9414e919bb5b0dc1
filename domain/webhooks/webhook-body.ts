import { z } from 'zod'
import { isoDateTime } from '../events/index.js'
import { publicEventSchema, type PartnerEventType } from '../partner-access/partner-view.js'
import { toPublicEvent, type PublicEvent } from '../partner-access/public-event.js'
import type { FeedEvent } from '../projections/projection.js'

/** Marks a delivery re-created by a replay: which replay, and the id it first had. */
export interface ReplayMark {
  readonly replayId: string
  /** The `webhook-id` this event had (or would have had) before the replay. */
  readonly originalWebhookId: string
}

/** A webhook's body, as Standard Webhooks lays it out: `{ type, timestamp, data }`. */
interface WebhookBody {
  readonly type: PartnerEventType
  readonly timestamp: string
  readonly data: PublicEvent
  readonly replay?: ReplayMark
}

/**
 * The body posted for an event: the same bytes on every attempt (the signature's
 * timestamp changes, the body does not), so the receiver can dedupe on `webhook-id`.
 * A replayed delivery says so in `replay` (and has a `webhook-id` of its own).
 *
 * @example JSON.stringify(webhookBody(feedEvent))
 */
export const webhookBody = (event: FeedEvent, replay?: ReplayMark): WebhookBody => {
  const data = toPublicEvent(event)
  return { type: data.type, timestamp: event.recordedAt, data, ...(replay ? { replay } : {}) }
}

/**
 * The body of one event type's webhooks as a schema, for the catalogue.
 *
 * @example z.toJSONSchema(webhookBodySchema('award.won'))
 */
export const webhookBodySchema = (type: PartnerEventType) =>
  z.object({
    type: z.literal(type),
    timestamp: isoDateTime.describe('When the event was recorded (the same on every attempt)'),
    data: publicEventSchema(type),
    replay: z
      .object({
        replayId: z.string().describe('The replay that re-created this delivery'),
        originalWebhookId: z
          .string()
          .describe('The `webhook-id` the event had, or would have had, before the replay'),
      })
      .optional()
      .describe('Only on deliveries re-created by a replay: their `webhook-id` is new'),
  })
