import type { PartnerFeedReader } from '../../feed/feed.js'
import { InvalidCursorError, sequenceCursor } from '../../shared/cursor.js'

/**
 * The delivery log's page cursor. The log is kept by Feed position (delivery-store.ts),
 * but a position must not reach partners (its gaps count the events withheld from them):
 * the cursor holds the partner sequence of the event where the next page starts, mapped
 * back to its position on the way in (one read of the Feed's `bySequence` index) and from
 * it on the way out (one read of the Feed).
 *
 * @example const before = await deliveryLogCursor.decode(feed, cursor)
 */
export const deliveryLogCursor = {
  async encode(feed: PartnerFeedReader, position: number): Promise<string | undefined> {
    const [event] = await feed.read({ after: position - 1, limit: 1 })
    // A delivery recorded before sequences existed, on a Feed not backfilled: no way on.
    return event?.position === position && event.sequence !== undefined
      ? sequenceCursor.encode(event.sequence)
      : undefined
  },
  async decode(feed: PartnerFeedReader, cursor: string): Promise<number> {
    const event = await feed.atSequence(sequenceCursor.decode(cursor))
    if (!event) throw new InvalidCursorError()
    return event.position
  },
}
