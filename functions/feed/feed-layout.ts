import { z } from 'zod'
import { parseEnvelope, type EventEnvelope } from '../../domain/events/index.js'
import type { FeedEvent } from '../../domain/projections/projection.js'

/**
 * The Feed table's items (functions/shared/tables.ts `feed`: pk S, sk N), shared by the indexer that
 * writes them and the reader that reads them:
 *
 * - an event:   `pk = 'page#' + floor(position / 1000)`, `sk = position`, the envelope's
 *               fields and `position`. A page is one partition, so a reader Queries a page
 *               in order and moves to the next; 1,000 positions keep each partition small.
 * - the head:   `pk = 'head'`, `sk = 0`, `position` = highest position handed out.
 * - a cursor:   `pk = 'stream#<streamId>'`, `sk = 0`, `version` = last version indexed.
 *
 * Positions start at 1, so page 0 holds 1…999 and page n holds n·1000…n·1000+999.
 */
const feedPageSize = 1000

export const pageOf = (position: number): number => Math.floor(position / feedPageSize)

/** What every event item's key begins with, and no bookkeeping item's: the Feed stream's filter (feed-stream.ts). */
export const pagePrefix = 'page#'

export const pageKey = (page: number): string => `${pagePrefix}${page}`

export const headKey = { pk: 'head', sk: 0 } as const

export const cursorKey = (streamId: string) => ({ pk: `stream#${streamId}`, sk: 0 }) as const

/** The Feed item of an event at a position. */
export const feedItem = (envelope: EventEnvelope, position: number): Record<string, unknown> => ({
  ...envelope,
  pk: pageKey(pageOf(position)),
  sk: position,
  position,
})

const positionSchema = z.number().int().min(1)

/**
 * Validates a Feed item back into an event with its position (envelope checked on read).
 *
 * @example parseFeedItem(item).position // 42
 */
export const parseFeedItem = (item: Record<string, unknown>): FeedEvent => {
  const { pk: _pk, sk: _sk, position, ...envelope } = item
  return { ...parseEnvelope(envelope), position: positionSchema.parse(position) }
}
