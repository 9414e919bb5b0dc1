import { matchesFilter } from '../../../domain/partner-access/filter.js'
import { claimReplay, defaultReplayQuota, type ReplayQuota } from '../../../domain/webhooks/replay-quota.js'
import type { FeedEvent } from '../../../domain/projections/projection.js'
import type { FeedReader } from '../../feed/feed.js'
import { deliveryFor } from '../dispatch/dispatcher.js'
import type { WebhookStores } from '../services.js'
import type { Subscription } from './subscription-item.js'

/** Where a replay starts: after a Feed position, or at a time (the events recorded since). */
export type ReplayFrom = { readonly afterPosition: number } | { readonly since: string }

/** A replay covers at most this many Feed positions; for more, partners read the feed. */
export const maxReplayPositions = 10_000

/**
 * The Feed's order follows recording times only to within moments: a replay by time starts
 * this much earlier.
 */
const orderMarginMs = 60_000

const pageSize = 500

export class ReplayTooLargeError extends Error {
  override readonly name = 'ReplayTooLargeError'
  constructor(
    readonly afterPosition: number,
    readonly toPosition: number,
  ) {
    super(
      `A replay after position ${afterPosition} would cover ${toPosition - afterPosition} ` +
        `positions; at most ${maxReplayPositions} are replayed at once`,
    )
  }
}

/** A replay refused for now: one is running on the subscription, or today's are spent. */
export class ReplayLimitedError extends Error {
  override readonly name = 'ReplayLimitedError'
  constructor(
    readonly reason: 'in-progress' | 'daily-limit',
    readonly retryAfterSeconds: number,
    readonly quota: ReplayQuota,
  ) {
    super(
      reason === 'in-progress'
        ? 'A replay of this subscription is in progress: one at a time'
        : `This subscription was replayed ${quota.perDay} times today (UTC), the most a day`,
    )
  }
}

/** A position at or below the dispatcher's checkpoint was missing: the Feed is gapless there. */
class FeedGapError extends Error {
  override readonly name = 'FeedGapError'
  constructor(readonly after: number) {
    super(`The Feed returned nothing after position ${after}, below the dispatcher's checkpoint`)
  }
}

export interface ReplayRequest {
  readonly subscription: Pick<
    Subscription,
    'id' | 'partnerId' | 'filter' | 'replaysStarted' | 'replayDay' | 'replaysToday' | 'replayLeaseUntil'
  >
  readonly from: ReplayFrom
  readonly replayId: string
  readonly now: Date
  /** One at a time, a few a day (domain/webhooks/replay-quota.ts). */
  readonly quota?: ReplayQuota
  /** The last position to replay, at most (what a preview showed); the checkpoint unless told. */
  readonly upTo?: number | undefined
}

export interface ReplayOutcome {
  readonly replayId: string
  /** Events after this position were replayed… */
  readonly afterPosition: number
  /** …up to this one (the dispatcher's checkpoint: later events are dispatched as usual). */
  readonly toPosition: number
  /** Deliveries re-created (the events in the range that match the subscription). */
  readonly replayed: number
}

/** The Feed positions a replay covers: after `afterPosition`, up to `toPosition` included. */
export interface ReplayRange {
  readonly afterPosition: number
  readonly toPosition: number
}

/** The first position in 1…upTo recorded at or after `since` (less the margin), or upTo + 1. */
const firstPositionSince = async (feed: FeedReader, since: number, upTo: number) => {
  let low = 1
  let high = upTo + 1
  while (low < high) {
    const middle = Math.floor((low + high) / 2)
    const [event] = await feed.read({ after: middle - 1, limit: 1 })
    if (!event) throw new FeedGapError(middle - 1)
    if (Date.parse(event.recordedAt) >= since - orderMarginMs) high = middle
    else low = middle + 1
  }
  return low
}

/**
 * The positions a replay from `from` covers: up to the dispatcher's checkpoint (later
 * events are dispatched as usual), or `upTo` if lower; throws ReplayTooLargeError beyond
 * `maxReplayPositions`. A replay and its preview (replay-preview.ts) both ask here.
 *
 * @example const { afterPosition, toPosition } = await replayRange(checkpoints, feed, { afterPosition: 40 })
 */
export const replayRange = async (
  checkpoints: Pick<WebhookStores['checkpoints'], 'read'>,
  feed: FeedReader,
  from: ReplayFrom,
  upTo?: number,
): Promise<ReplayRange> => {
  const checkpoint = await checkpoints.read()
  const toPosition = upTo === undefined ? checkpoint : Math.min(upTo, checkpoint)
  const afterPosition =
    'afterPosition' in from
      ? Math.min(from.afterPosition, toPosition)
      : (await firstPositionSince(feed, Date.parse(from.since), toPosition)) - 1
  if (toPosition - afterPosition > maxReplayPositions) {
    throw new ReplayTooLargeError(afterPosition, toPosition)
  }
  return { afterPosition, toPosition }
}

/**
 * The events of a range that pass `filter`, page by page in Feed order: what a replay
 * re-sends, and what its preview counts.
 *
 * @example await eachMatchingPage(feed, range, subscription.filter, async (events) => { … })
 */
export const eachMatchingPage = async (
  feed: FeedReader,
  { afterPosition, toPosition }: ReplayRange,
  filter: Subscription['filter'],
  each: (events: FeedEvent[]) => Promise<void>,
) => {
  for (let position = afterPosition; position < toPosition;) {
    const limit = Math.min(pageSize, toPosition - position)
    const events = await feed.read({ after: position, limit })
    const last = events.at(-1)
    if (!last) throw new FeedGapError(position)
    await each(events.filter((event) => matchesFilter(filter, event)))
    position = last.position
  }
}

/**
 * Re-creates a subscription's deliveries for every matching event after a Feed position
 * (or recorded since a time), as Svix's "recover" does: each gets a new `webhook-id` and a
 * body marked as a replay, and supersedes whatever delivery that event had (delivered,
 * dead or still pending), so the receiver gets each event of the range once more, in
 * order per stream. Events past the dispatcher's checkpoint are not touched: the
 * dispatcher records them as usual, nor any after `upTo` when given (the confirmation of
 * a preview replays what the preview counted). The subscription is enabled again (like a
 * redrive).
 *
 * While deliveries are being replaced the subscription is disabled, so the deliverer
 * never sends an old delivery the replay is about to supersede; a replay cut short leaves
 * it disabled ("a replay is in progress"), and asking again finishes the job.
 *
 * One replay at a time per subscription, and `quota.perDay` a UTC day: beyond, it throws
 * ReplayLimitedError with when to ask again, and changes nothing. A replay cut short by a
 * crash holds its subscription until its lease ends (a minute).
 *
 * @example
 *   const from = { afterPosition: 40 }
 *   await replaySubscription(webhooks, feed, { subscription, from, replayId, now })
 */
export const replaySubscription = async (
  stores: Pick<WebhookStores, 'subscriptions' | 'deliveries' | 'checkpoints'>,
  feed: FeedReader,
  { subscription, from, replayId, now, upTo, quota = defaultReplayQuota }: ReplayRequest,
): Promise<ReplayOutcome> => {
  const { afterPosition, toPosition } = await replayRange(stores.checkpoints, feed, from, upTo)
  const claim = claimReplay(subscription, now.toISOString(), quota)
  if (!claim.granted) throw new ReplayLimitedError(claim.reason, claim.retryAfterSeconds, quota)
  // Another replay took the subscription since it was read: that one is in progress.
  if (!(await stores.subscriptions.startReplay(subscription, claim.marks))) {
    throw new ReplayLimitedError('in-progress', Math.ceil(quota.leaseMs / 1_000), quota)
  }
  try {
    return await replayTaken(stores, feed, { subscription, replayId, now }, { afterPosition, toPosition })
  } finally {
    await stores.subscriptions.endReplay(subscription.id, claim.marks.replayLeaseUntil)
  }
}

/** The replay itself, once its subscription is taken. */
const replayTaken = async (
  stores: Pick<WebhookStores, 'subscriptions' | 'deliveries'>,
  feed: FeedReader,
  { subscription, replayId, now }: Pick<ReplayRequest, 'subscription' | 'replayId' | 'now'>,
  { afterPosition, toPosition }: ReplayRange,
): Promise<ReplayOutcome> => {
  await stores.subscriptions.disable(subscription.id, 'a replay is in progress', now)
  let replayed = 0
  await eachMatchingPage(
    feed,
    { afterPosition, toPosition },
    subscription.filter,
    async (events) => {
      const deliveries = events.map((event) =>
        deliveryFor(subscription, event, now.toISOString(), replayId),
      )
      await stores.deliveries.replace(deliveries)
      replayed += deliveries.length
    },
  )
  await stores.subscriptions.reactivate(subscription.id, afterPosition + 1)
  return { replayId, afterPosition, toPosition, replayed }
}
