import type { FeedReader } from '../../feed/feed.js'
import type { WebhookStores } from '../services.js'
import { eachMatchingPage, replayRange, type ReplayFrom, type ReplayRange } from './replay.js'
import type { Subscription } from './subscription-item.js'

/** What a replay would send, before anything is sent: its range, and the events in it. */
export interface ReplayPreview extends ReplayRange {
  /** Deliveries the replay would re-create: the events of the range that match. */
  readonly replayable: number
  /** The same, by event type. */
  readonly byType: Readonly<Record<string, number>>
  /** The first and last of them (at most 5 each), for the partner to recognise. */
  readonly first: readonly PreviewedEvent[]
  readonly last: readonly PreviewedEvent[]
}

interface PreviewedEvent {
  readonly position: number
  readonly type: string
  readonly recordedAt: string
}

const shown = 5

/**
 * What `replaySubscription` would re-send from `from`, read from the same range and the
 * same filter, writing nothing. Confirming with the preview's `toPosition` as `upTo` replays
 * exactly these events, however far the Feed has moved on meanwhile.
 *
 * @example const { replayable, toPosition } = await previewReplay(webhooks, feed, { subscription, from })
 */
export const previewReplay = async (
  stores: Pick<WebhookStores, 'checkpoints'>,
  feed: FeedReader,
  {
    subscription,
    from,
    upTo,
  }: { subscription: Pick<Subscription, 'filter'>; from: ReplayFrom; upTo?: number | undefined },
): Promise<ReplayPreview> => {
  const range = await replayRange(stores.checkpoints, feed, from, upTo)
  const byType: Record<string, number> = {}
  const first: PreviewedEvent[] = []
  let last: PreviewedEvent[] = []
  let replayable = 0
  await eachMatchingPage(feed, range, subscription.filter, async (events) => {
    for (const { position, type, recordedAt } of events) {
      replayable += 1
      byType[type] = (byType[type] ?? 0) + 1
      if (first.length < shown) first.push({ position, type, recordedAt })
      else last = [...last, { position, type, recordedAt }].slice(-shown)
    }
  })
  return { ...range, replayable, byType, first, last }
}
