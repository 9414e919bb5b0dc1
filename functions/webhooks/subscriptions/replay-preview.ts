import type { PartnerFeedReader } from '../../feed/feed.js'
import type { WebhookStores } from '../services.js'
import { eachMatchingPage, replayRange, type ReplayFrom } from './replay.js'
import type { Subscription } from './subscription-item.js'

/**
 * What a replay would send, before anything is sent: its range in partner sequences, and
 * the events in it. Nothing in it is a Feed position: their gaps would count the events
 * withheld from partners.
 */
export interface ReplayPreview {
  /** Events after this sequence… */
  readonly afterSequence: number
  /** …up to this one: send it back as `toSequence` to replay exactly these. */
  readonly toSequence: number
  /** Deliveries the replay would re-create: the events of the range that match. */
  readonly replayable: number
  /** The same, by event type. */
  readonly byType: Readonly<Record<string, number>>
  /** The first and last of them (at most 5 each), for the partner to recognise. */
  readonly first: readonly PreviewedEvent[]
  readonly last: readonly PreviewedEvent[]
}

interface PreviewedEvent {
  readonly sequence: number
  readonly type: string
  readonly recordedAt: string
}

const shown = 5

/**
 * What `replaySubscription` would re-send from `from`, read from the same range and the
 * same filter, writing nothing. Confirming with the preview's `toSequence` as `upTo`
 * replays exactly these events, however far the Feed has moved on meanwhile.
 *
 * @example const { replayable, toSequence } = await previewReplay(webhooks, feed, { subscription, from })
 */
export const previewReplay = async (
  stores: Pick<WebhookStores, 'checkpoints'>,
  feed: PartnerFeedReader,
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
  const toSequence = await eachMatchingPage(feed, range, subscription.filter, async (events) => {
    for (const { sequence = 0, type, recordedAt } of events) {
      replayable += 1
      byType[type] = (byType[type] ?? 0) + 1
      if (first.length < shown) first.push({ sequence, type, recordedAt })
      else last = [...last, { sequence, type, recordedAt }].slice(-shown)
    }
  })
  return { afterSequence: range.afterSequence, toSequence, replayable, byType, first, last }
}
