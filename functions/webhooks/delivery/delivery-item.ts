import { z } from 'zod'
import { eventTypeNames } from '../../../domain/events/index.js'
import { attemptSchema } from '../../../domain/webhooks/attempts.js'
import { deliveryStateSchema } from '../../../domain/webhooks/delivery.js'

export const deliverySchema = deliveryStateSchema.extend({
  subscriptionId: z.string(),
  partnerId: z.string(),
  position: z.number().int().min(1),
  /** The event's partner sequence, what partners are shown (absent on deliveries recorded before sequences). */
  sequence: z.number().int().min(1).optional(),
  eventId: z.string(),
  streamId: z.string(),
  version: z.number().int().min(1),
  type: z.enum(eventTypeNames),
  /** `webhook-id`: the same on every attempt and redrive of this event to this subscription. */
  webhookId: z.string(),
  /** Set on a delivery re-created by a replay (subscriptions/replay.ts). */
  replayId: z.string().optional(),
  createdAt: z.string(),
  /** Its latest attempts, oldest first (domain/webhooks/attempts.ts); none before the first. */
  history: z.array(attemptSchema).optional(),
})
/** One event to one subscription, as the log shows it (the body is stored beside it). */
export type Delivery = z.infer<typeof deliverySchema>

/** A delivery with the exact body to post, as the dispatcher records it. */
export interface NewDelivery extends Delivery {
  readonly payload: string
}
