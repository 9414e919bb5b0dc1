import { matchesFilter } from '../../../domain/partner-access/filter.js'
import type { FeedEvent } from '../../../domain/projections/projection.js'
import { newDelivery } from '../../../domain/webhooks/delivery.js'
import { webhookBody } from '../../../domain/webhooks/webhook-body.js'
import type { FeedReader } from '../../feed/feed.js'
import { asFunction } from '../../shared/function-scope.js'
import { silentLogger, type Logger } from '../../shared/logger.js'
import type { NewDelivery } from '../delivery/delivery-item.js'
import type { DeliveryStore } from '../delivery/delivery-store.js'
import { webhookIdOf } from '../signing.js'
import type { Subscription } from '../subscriptions/subscription-item.js'
import type { SubscriptionStore } from '../subscriptions/subscription-store.js'
import type { CheckpointStore } from './checkpoint-store.js'

interface DispatcherOptions {
  readonly feed: FeedReader
  readonly subscriptions: SubscriptionStore
  readonly deliveries: DeliveryStore
  readonly checkpoints: CheckpointStore
  readonly clock: () => Date
  readonly logger?: Logger
  /** Feed events read per page (one checkpoint commit per page). */
  readonly pageSize?: number
  /** Events dispatched per run at most; the next wake-up goes on from the checkpoint. */
  readonly maxEvents?: number
}

export interface DispatchSummary {
  readonly from: number
  readonly to: number
  readonly recorded: number
}

/** Another run or a new subscription kept moving under this one for too long. */
class DispatchContentionError extends Error {
  override readonly name = 'DispatchContentionError'
  constructor() {
    super('The dispatcher checkpoint could not be committed: too much contention')
  }
}

const maxConflicts = 10

/**
 * The delivery of one event to one subscription, due now, with the exact body to post;
 * with `replayId`, a replay's: a new `webhook-id`, and the body marked as a replay.
 *
 * @example await deliveries.record(deliveryFor(subscription, event, now))
 */
export const deliveryFor = (
  subscription: Pick<Subscription, 'id' | 'partnerId'>,
  event: FeedEvent,
  now: string,
  replayId?: string,
): NewDelivery => {
  const originalWebhookId = webhookIdOf(subscription.id, event.eventId)
  const replay = replayId ? { replayId, originalWebhookId } : undefined
  return {
    ...newDelivery(now),
    subscriptionId: subscription.id,
    partnerId: subscription.partnerId,
    position: event.position,
    ...(event.sequence === undefined ? {} : { sequence: event.sequence }),
    eventId: event.eventId,
    streamId: event.streamId,
    version: event.version,
    type: event.type,
    webhookId: replayId ? webhookIdOf(subscription.id, event.eventId, replayId) : originalWebhookId,
    ...(replayId ? { replayId } : {}),
    createdAt: now,
    payload: JSON.stringify(webhookBody(event, replay)),
  }
}

const matching = (subscriptions: readonly Subscription[], event: FeedEvent) =>
  subscriptions.filter((s) => event.position > s.startsAfter && matchesFilter(s.filter, event))

/**
 * Follows the Feed from its own checkpoint and records one delivery per (subscription,
 * event) that matches. Idempotent: a delivery is a conditional put, so a re-run, a
 * concurrent run or a redone page records nothing twice. Events are recorded in Feed
 * order (a delivery at a position exists only once every earlier one of its
 * subscription does), which the deliverer relies on for per-stream order.
 *
 * @example const { to } = await createDispatcher({ feed, ...stores, clock }).run()
 */
export const createDispatcher = (options: DispatcherOptions) => {
  const { feed, subscriptions, deliveries, checkpoints, clock } = options
  const { logger = silentLogger, pageSize = 100, maxEvents = 5_000 } = options

  const record = async (events: readonly FeedEvent[], registry: readonly Subscription[]) => {
    let recorded = 0
    const now = clock().toISOString()
    for (const event of events) {
      const matched = matching(registry, event)
      const results = await Promise.all(
        matched.map((s) => deliveries.record(deliveryFor(s, event, now))),
      )
      recorded += results.filter(Boolean).length
    }
    return recorded
  }

  return {
    run: asFunction('dispatcher', async (): Promise<DispatchSummary> => {
      let checkpoint = await checkpoints.read()
      let registry = await subscriptions.registry()
      const from = checkpoint
      let recorded = 0
      for (let conflicts = 0; checkpoint - from < maxEvents;) {
        const events = await feed.read({ after: checkpoint, limit: pageSize })
        const contiguous = events.filter((e, i) => e.position === checkpoint + 1 + i)
        const last = contiguous.at(-1)
        if (!last) break
        recorded += await record(contiguous, registry.subscriptions)
        if (await checkpoints.commit(checkpoint, last.position, registry.version, clock())) {
          checkpoint = last.position
          continue
        }
        // A subscription appeared, or another run moved on: read both again and redo.
        if (++conflicts > maxConflicts) throw new DispatchContentionError()
        registry = await subscriptions.registry()
        checkpoint = await checkpoints.read()
      }
      if (recorded > 0 || checkpoint > from) {
        logger.info('dispatched', { from, to: checkpoint, recorded })
      }
      return { from, to: checkpoint, recorded }
    }),
  }
}
