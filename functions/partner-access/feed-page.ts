import { matchesFilter, type EventFilter } from '../../domain/partner-access/filter.js'
import type { FeedEvent } from '../../domain/projections/projection.js'
import type { FeedReader } from '../feed/feed.js'

interface MatchingPage {
  readonly events: FeedEvent[]
  /** The last position looked at, matching or not: where the next read starts. */
  readonly last: number
}

interface MatchingOptions {
  readonly after: number
  readonly limit: number
  readonly filter: EventFilter
  /** Positions looked at per call at most: a rare type must not make one call read the Feed. */
  readonly maxScanned?: number
  readonly pageSize?: number
}

/**
 * Up to `limit` events after `after` that pass `filter`, and how far the scan went.
 * It moves only across an unbroken run of positions (`after+1, after+2…`): a hole (an
 * indexer transaction not yet visible) ends the page, so a reader resuming from `last`
 * can never skip an event.
 *
 * @example const { events, last } = await readMatching(feed, { after: 0, limit: 100, filter: {} })
 */
export const readMatching = async (
  feed: FeedReader,
  options: MatchingOptions,
): Promise<MatchingPage> => {
  const { after, limit, filter, maxScanned = 5_000, pageSize = 500 } = options
  const events: FeedEvent[] = []
  let last = after
  while (events.length < limit) {
    const want = Math.min(pageSize, maxScanned - (last - after))
    if (want <= 0) break
    const page = await feed.read({ after: last, limit: want })
    for (const event of page) {
      if (event.position !== last + 1) return { events, last }
      last = event.position
      if (matchesFilter(filter, event)) events.push(event)
      if (events.length >= limit) return { events, last }
    }
    if (page.length < want) break // the head, or a hole
  }
  return { events, last }
}
