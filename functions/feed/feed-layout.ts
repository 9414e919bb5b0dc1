import { z } from 'zod'
import { parseEnvelope, type EventEnvelope } from '../../domain/events/index.js'
import type { FeedEvent } from '../../domain/projections/projection.js'
import { tables } from '../shared/tables.js'

/**
 * The Feed table's items (functions/shared/tables.ts `feed`: pk S, sk N), shared by the indexer that
 * writes them and the reader that reads them:
 *
 * - an event:   `pk = 'page#' + floor(position / 1000)`, `sk = position`, the envelope's
 *               fields and `position`. A page is one partition, so a reader Queries a page
 *               in order and moves to the next; 1,000 positions keep each partition small.
 *               An event partners receive also carries its partner `sequence` (1, 2, 3 …
 *               over those events only, no gaps) and the keys of the sparse `bySequence`
 *               index: `seqPk = 'seq#' + floor(sequence / 1000)`, `seqSk = sequence`, laid
 *               out as the pages are. Partners see sequences, never positions: a gap in
 *               positions would count the events withheld from them.
 * - the head:   `pk = 'head'`, `sk = 0`, `position` = highest position handed out,
 *               `shared` = highest sequence handed out (absent: 0), moved together.
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

/** The Feed's sparse index of the events partners receive, by sequence. */
export const sequenceIndex = tables.feed.globalIndexes[0].indexName

/** The `bySequence` index's partition number `page` (1,000 sequences a partition, as pages). */
export const sequencePartitionKey = (page: number): string => `seq#${page}`

/** The `bySequence` index's partition of a sequence. */
export const sequencePageKey = (sequence: number): string => sequencePartitionKey(pageOf(sequence))

/**
 * The Feed item of an event at a position, and at a partner sequence when partners
 * receive it (the indexer decides: index-transaction.ts).
 */
export const feedItem = (
  envelope: EventEnvelope,
  position: number,
  sequence?: number,
): Record<string, unknown> => ({
  ...envelope,
  pk: pageKey(pageOf(position)),
  sk: position,
  position,
  ...(sequence === undefined
    ? {}
    : { sequence, seqPk: sequencePageKey(sequence), seqSk: sequence }),
})

const positionSchema = z.number().int().min(1)

/**
 * Validates a Feed item back into an event with its position, and its partner sequence
 * if it has one (envelope checked on read).
 *
 * @example parseFeedItem(item).position // 42
 */
export const parseFeedItem = (item: Record<string, unknown>): FeedEvent => {
  const { pk: _pk, sk: _sk, seqPk: _seqPk, seqSk: _seqSk, position, sequence, ...envelope } = item
  return {
    ...parseEnvelope(envelope),
    position: positionSchema.parse(position),
    ...(sequence === undefined ? {} : { sequence: positionSchema.parse(sequence) }),
  }
}
