import { matchesFilter } from '../../../domain/partner-access/filter.js'
import { claimReplay, defaultReplayQuota, type ReplayQuota } from '../../../domain/webhooks/replay-quota.js'
import type { FeedEvent } from '../../../domain/projections/projection.js'
import type { PartnerFeedReader } from '../../feed/feed.js'
import { deliveryFor } from '../dispatch/dispatcher.js'
import type { WebhookStores } from '../services.js'
import type { Subscription } from './subscription-item.js'

/**
 * Where a replay starts: after a partner sequence (the `sequence` of the last event the
 * partner processed), or at a time (the events recorded since). Partners never see Feed
 * positions: their gaps would count the events withheld from them.
 */
export type ReplayFrom = { readonly afterSequence: number } | { readonly since: string }

/** A replay covers at most this many of the events partners receive; for more, partners read the feed. */
export const maxReplayEvents = 10_000

/**
 * The Feed's order follows recording times only to within moments: a replay by time starts
 * this much earlier.
 */
const orderMarginMs = 60_000

const pageSize = 500

export class ReplayTooLargeError extends Error {
  override readonly name = 'ReplayTooLargeError'
  constructor(readonly afterSequence: number) {
    super(
      `A replay after sequence ${afterSequence} would cover more than ${maxReplayEvents} ` +
        `events; at most ${maxReplayEvents} are replayed at once`,
    )
  }
}

/** A replay after a sequence no event has (yet): partners only know the ones they were sent. */
export class UnknownSequenceError extends Error {
  override readonly name = 'UnknownSequenceError'
  constructor(readonly sequence: number) {
    super(`No event has sequence ${sequence} yet`)
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
  /** The last sequence to replay, at most (what a preview showed); the checkpoint unless told. */
  readonly upTo?: number | undefined
}

export interface ReplayOutcome {
  readonly replayId: string
  /** Events after this sequence were replayed… */
  readonly afterSequence: number
  /** …up to this one (where the dispatcher is: later events are dispatched as usual). */
  readonly toSequence: number
  /** Deliveries re-created (the events in the range that match the subscription). */
  readonly replayed: number
}

/**
 * What a replay covers: the events partners receive after `afterSequence`, up to the
 * dispatcher's checkpoint (a Feed position, kept inside: `toPosition`) and up to `upTo`
 * when given. `afterPosition` is where the first of them is searched from.
 */
export interface ReplayRange {
  readonly afterSequence: number
  readonly afterPosition: number
  readonly toPosition: number
  readonly upTo?: number | undefined
}

/**
 * The first sequence in 1…(newest) recorded at or after `since` (less the margin), or the
 * newest + 1: a search over the `bySequence` index. A sequence the index does not show yet
 * is recent, so it counts as recorded since.
 */
const firstSequenceSince = async (feed: PartnerFeedReader, since: number) => {
  let high = 1
  // The newest sequence is not kept where one read finds it: double until past it.
  while ((await feed.atSequence(high)) !== undefined) high *= 2
  let low = 1
  while (low < high) {
    const middle = Math.floor((low + high) / 2)
    const event = await feed.atSequence(middle)
    if (!event || Date.parse(event.recordedAt) >= since - orderMarginMs) high = middle
    else low = middle + 1
  }
  return low
}

/**
 * The range a replay from `from` covers (the events up to the dispatcher's checkpoint:
 * later ones are dispatched as usual); throws ReplayTooLargeError when it holds more than
 * `maxReplayEvents` events partners receive (one look at the index: the event that many
 * sequences on), UnknownSequenceError after a sequence no event has. A replay and its
 * preview (replay-preview.ts) both ask here.
 *
 * @example const range = await replayRange(checkpoints, feed, { afterSequence: 40 })
 */
export const replayRange = async (
  checkpoints: Pick<WebhookStores['checkpoints'], 'read'>,
  feed: PartnerFeedReader,
  from: ReplayFrom,
  upTo?: number,
): Promise<ReplayRange> => {
  const toPosition = await checkpoints.read()
  const afterSequence =
    'afterSequence' in from
      ? from.afterSequence
      : (await firstSequenceSince(feed, Date.parse(from.since))) - 1
  const after = afterSequence === 0 ? undefined : await feed.atSequence(afterSequence)
  if (afterSequence > 0 && !after) throw new UnknownSequenceError(afterSequence)
  // Past the checkpoint, nothing is replayed: the dispatcher records those as usual.
  const afterPosition = Math.min(after?.position ?? 0, toPosition)
  const beyond = afterSequence + maxReplayEvents + 1
  if (upTo === undefined || upTo >= beyond) {
    const tooFar = await feed.atSequence(beyond)
    if (tooFar && tooFar.position <= toPosition) throw new ReplayTooLargeError(afterSequence)
  }
  return { afterSequence, afterPosition, toPosition, ...(upTo === undefined ? {} : { upTo }) }
}

/**
 * The events of a range that pass `filter`, page by page in Feed order: what a replay
 * re-sends, and what its preview counts. Returns the last sequence the range holds
 * (`afterSequence` when it holds none).
 *
 * @example const toSequence = await eachMatchingPage(feed, range, subscription.filter, async (events) => { … })
 */
export const eachMatchingPage = async (
  feed: PartnerFeedReader,
  { afterSequence, afterPosition, toPosition, upTo }: ReplayRange,
  filter: Subscription['filter'],
  each: (events: FeedEvent[]) => Promise<void>,
): Promise<number> => {
  let toSequence = afterSequence
  for (let position = afterPosition; position < toPosition;) {
    const limit = Math.min(pageSize, toPosition - position)
    const events = await feed.read({ after: position, limit })
    const last = events.at(-1)
    if (!last) throw new FeedGapError(position)
    const inRange: FeedEvent[] = []
    for (const event of events) {
      if (event.sequence === undefined) continue // withheld from partners
      if (upTo !== undefined && event.sequence > upTo) {
        await each(inRange.filter((e) => matchesFilter(filter, e)))
        return toSequence
      }
      toSequence = event.sequence
      inRange.push(event)
    }
    await each(inRange.filter((event) => matchesFilter(filter, event)))
    position = last.position
  }
  return toSequence
}

/**
 * Re-creates a subscription's deliveries for every matching event after a partner
 * sequence (or recorded since a time), as Svix's "recover" does: each gets a new `webhook-id` and a
 * body marked as a replay, and supersedes whatever delivery that event had (delivered,
 * dead or still pending), so the receiver gets each event of the range once more, in
 * order per stream. Events past the dispatcher's checkpoint are not touched: the
 * dispatcher records them as usual, nor any after the sequence `upTo` when given (the
 * confirmation of a preview replays what the preview counted). The subscription is enabled again (like a
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
 *   const from = { afterSequence: 40 }
 *   await replaySubscription(webhooks, feed, { subscription, from, replayId, now })
 */
export const replaySubscription = async (
  stores: Pick<WebhookStores, 'subscriptions' | 'deliveries' | 'checkpoints'>,
  feed: PartnerFeedReader,
  { subscription, from, replayId, now, upTo, quota = defaultReplayQuota }: ReplayRequest,
): Promise<ReplayOutcome> => {
  const range = await replayRange(stores.checkpoints, feed, from, upTo)
  const claim = claimReplay(subscription, now.toISOString(), quota)
  if (!claim.granted) throw new ReplayLimitedError(claim.reason, claim.retryAfterSeconds, quota)
  // Another replay took the subscription since it was read: that one is in progress.
  if (!(await stores.subscriptions.startReplay(subscription, claim.marks))) {
    throw new ReplayLimitedError('in-progress', Math.ceil(quota.leaseMs / 1_000), quota)
  }
  try {
    return await replayTaken(stores, feed, { subscription, replayId, now }, range)
  } finally {
    await stores.subscriptions.endReplay(subscription.id, claim.marks.replayLeaseUntil)
  }
}

/** The replay itself, once its subscription is taken. */
const replayTaken = async (
  stores: Pick<WebhookStores, 'subscriptions' | 'deliveries'>,
  feed: PartnerFeedReader,
  { subscription, replayId, now }: Pick<ReplayRequest, 'subscription' | 'replayId' | 'now'>,
  range: ReplayRange,
): Promise<ReplayOutcome> => {
  await stores.subscriptions.disable(subscription.id, 'a replay is in progress', now)
  let replayed = 0
  const toSequence = await eachMatchingPage(
    feed,
    range,
    subscription.filter,
    async (events) => {
      const deliveries = events.map((event) =>
        deliveryFor(subscription, event, now.toISOString(), replayId),
      )
      await stores.deliveries.replace(deliveries)
      replayed += deliveries.length
    },
  )
  await stores.subscriptions.reactivate(subscription.id, range.afterPosition + 1)
  return { replayId, afterSequence: range.afterSequence, toSequence, replayed }
}
