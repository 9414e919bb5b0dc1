import { matchesFilter, type EventFilter } from '../../domain/partner-access/filter.js'
import type { FeedEvent } from '../../domain/projections/projection.js'
import type { SequenceReader } from '../feed/feed.js'

interface MatchingPage {
  readonly events: FeedEvent[]
  /** The last partner sequence looked at, matching or not: where the next read starts. */
  readonly last: number
}

interface MatchingOptions {
  /** A partner sequence (0: from the start). */
  readonly after: number
  readonly limit: number
  readonly filter: EventFilter
  /** Sequences looked at per call at most: a rare type must not make one call read the Feed. */
  readonly maxScanned?: number
  readonly pageSize?: number
}

/**
 * Up to `limit` events partners receive after the sequence `after` that pass `filter`,
 * and how far the scan went. Only the events partners receive are read (the Feed's
 * `bySequence` index), so nothing here counts the others. It moves only across an
 * unbroken run of sequences (`after+1, after+2…`): a hole (an event the eventually
 * consistent index does not show yet) ends the page, so a reader resuming from `last`
 * can never skip an event.
 *
 * @example const { events, last } = await readMatching(feed, { after: 0, limit: 100, filter: {} })
 */
export const readMatching = async (
  feed: SequenceReader,
  options: MatchingOptions,
): Promise<MatchingPage> => {
  const { after, limit, filter, maxScanned = 5_000, pageSize = 500 } = options
  const events: FeedEvent[] = []
  let last = after
  while (events.length < limit) {
    const want = Math.min(pageSize, maxScanned - (last - after))
    if (want <= 0) break
    const page = await feed.readShared({ after: last, limit: want })
    for (const event of page) {
      if (event.sequence !== last + 1) return { events, last }
      last = event.sequence
      if (matchesFilter(filter, event)) events.push(event)
      if (events.length >= limit) return { events, last }
    }
    if (page.length < want) break // the newest, or a hole
  }
  return { events, last }
}

interface NewestOptions {
  /** A partner sequence: only older ones (absent: from the newest). */
  readonly before?: number
  readonly limit: number
  readonly filter: EventFilter
  readonly maxScanned?: number
  readonly pageSize?: number
}

/**
 * Up to `limit` events partners receive older than `before` (absent: the newest) that pass
 * `filter`, newest first, and the oldest sequence looked at: where the next, older page
 * starts. As `readMatching`, it moves only across an unbroken run (`before-1, before-2…`),
 * so paging older from `last` never skips an event; it looks at `maxScanned` at most.
 *
 * @example const { events, last } = await readNewestMatching(feed, { limit: 50, filter: {} })
 */
export const readNewestMatching = async (
  feed: SequenceReader,
  options: NewestOptions,
): Promise<MatchingPage> => {
  const { before, limit, filter, maxScanned = 5_000, pageSize = 500 } = options
  const events: FeedEvent[] = []
  let last = before
  let scanned = 0
  while (events.length < limit && last !== 0) {
    const want = Math.min(pageSize, maxScanned - scanned)
    if (want <= 0) break
    const page = await feed.readSharedBackwards({
      ...(last === undefined ? {} : { before: last }),
      limit: want,
    })
    for (const event of page) {
      const sequence = event.sequence ?? 0
      if (last !== undefined && sequence !== last - 1) return { events, last }
      last = sequence
      scanned += 1
      if (matchesFilter(filter, event)) events.push(event)
      if (events.length >= limit) return { events, last }
    }
    if (page.length < want) break // the oldest, or a hole
  }
  // Nothing at all to read: the next page starts where this one did (0 when the feed is empty).
  return { events, last: last ?? 0 }
}
