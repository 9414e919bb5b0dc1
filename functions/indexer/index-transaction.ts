import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import type { EventEnvelope } from '../../domain/events/index.js'
import { isSharedWithPartners } from '../../domain/partner-access/partner-view.js'
import { cursorKey, feedItem, headKey } from '../feed/feed-layout.js'
import { itemBytes, maxTransactionBytes, maxTransactionItems } from '../store/limits.js'

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number]

/**
 * What the indexer knows of its bookkeeping: the head (the last position handed out, and
 * the last partner sequence: `shared`) and the cursors of the streams in play.
 */
export interface IndexerState {
  head: number
  shared: number
  readonly cursors: Map<string, number>
}

/** Room kept in a transaction for the head and cursor updates' own bytes. */
const bookkeepingBytes = 64 * 1024

/**
 * The longest prefix of `remaining` that fits one TransactWriteItems together with the
 * head update and one cursor update per stream it touches (100 items, 4 MB).
 *
 * @example nextChunk(remaining, (event) => 600).length // ≤ 98 for a single stream
 */
export const nextChunk = (
  remaining: readonly EventEnvelope[],
  sizeOf: (event: EventEnvelope) => number,
): EventEnvelope[] => {
  const streams = new Set<string>()
  let items = 1
  let bytes = bookkeepingBytes
  const chunk: EventEnvelope[] = []
  for (const event of remaining) {
    const extraItems = streams.has(event.streamId) ? 1 : 2
    const size = sizeOf(event)
    if (items + extraItems > maxTransactionItems || bytes + size > maxTransactionBytes) break
    streams.add(event.streamId)
    items += extraItems
    bytes += size
    chunk.push(event)
  }
  return chunk
}

/** A Feed item's stored size, bounded from above like the event store does. */
export const feedItemBytes = (event: EventEnvelope): number => itemBytes(feedItem(event, 1, 1)) + 32

/**
 * The head moves from the position read to the new one, and its partner sequence with
 * it. Conditioned on the position alone: every transaction that moves `shared` moves the
 * position too (a chunk is never empty), so an unchanged position means an unchanged
 * `shared`. A head written before sequences existed has no `shared`: it counts as 0.
 */
const advanceHead = (table: string, from: IndexerState, to: IndexerState): TransactItem => ({
  Update: {
    TableName: table,
    Key: headKey,
    UpdateExpression: 'SET #p = :to, #s = :shared',
    ConditionExpression: from.head === 0 ? 'attribute_not_exists(pk)' : '#p = :from',
    ExpressionAttributeNames: { '#p': 'position', '#s': 'shared' },
    ExpressionAttributeValues: {
      ':to': to.head,
      ':shared': to.shared,
      ...(from.head === 0 ? {} : { ':from': from.head }),
    },
  },
})

const advance = (
  table: string,
  Key: Record<string, unknown>,
  attribute: 'version',
  from: number,
  to: number,
): TransactItem => ({
  Update: {
    TableName: table,
    Key,
    UpdateExpression: 'SET #a = :to',
    // 0 means "never written": the item must not exist yet.
    ConditionExpression: from === 0 ? 'attribute_not_exists(pk)' : '#a = :from',
    ExpressionAttributeNames: { '#a': attribute },
    ExpressionAttributeValues: from === 0 ? { ':to': to } : { ':to': to, ':from': from },
  },
})

/**
 * One transaction that gives `chunk` the positions after the head, and each event partners
 * receive the partner sequence after the head's (`shared`): the head moves from its old
 * value, each cursor from the version last read, and every Feed item must be new. If
 * anyone else moved the head or a cursor meanwhile, the whole transaction is refused, so
 * positions and sequences are handed out once each, gapless, by the same commit.
 *
 * @example const { items, state } = indexTransaction('Feed', chunk, { head: 0, shared: 0, cursors })
 */
export const indexTransaction = (
  table: string,
  chunk: readonly EventEnvelope[],
  state: IndexerState,
): { items: TransactItem[]; state: IndexerState } => {
  const cursors = new Map(state.cursors)
  let shared = state.shared
  const puts: TransactItem[] = chunk.map((event, index) => {
    cursors.set(event.streamId, event.version)
    const sequence = isSharedWithPartners(event.type) ? (shared += 1) : undefined
    return {
      Put: {
        TableName: table,
        Item: feedItem(event, state.head + index + 1, sequence),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }
  })
  const head = state.head + chunk.length
  const next: IndexerState = { head, shared, cursors }
  const moved = [...new Set(chunk.map((event) => event.streamId))]
  const items = [
    advanceHead(table, state, next),
    ...moved.map((streamId) =>
      advance(table, cursorKey(streamId), 'version', state.cursors.get(streamId) ?? 0,
        cursors.get(streamId) ?? 0)),
    ...puts,
  ]
  return { items, state: next }
}
