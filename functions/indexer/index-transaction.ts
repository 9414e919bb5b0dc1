import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import type { EventEnvelope } from '../../domain/events/index.js'
import { cursorKey, feedItem, headKey } from '../feed/feed-layout.js'
import { itemBytes, maxTransactionBytes, maxTransactionItems } from '../store/limits.js'

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number]

/** What the indexer knows of its bookkeeping: the head and the cursors of the streams in play. */
export interface IndexerState {
  head: number
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
export const feedItemBytes = (event: EventEnvelope): number => itemBytes(feedItem(event, 1)) + 32

const advance = (
  table: string,
  Key: Record<string, unknown>,
  attribute: 'position' | 'version',
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
 * One transaction that gives `chunk` the positions after the head: the head moves from
 * its old value, each cursor from the version last read, and every Feed item must be new.
 * If anyone else moved the head or a cursor meanwhile, the whole transaction is refused.
 *
 * @example const { items, state } = indexTransaction('Feed', chunk, { head: 0, cursors })
 */
export const indexTransaction = (
  table: string,
  chunk: readonly EventEnvelope[],
  state: IndexerState,
): { items: TransactItem[]; state: IndexerState } => {
  const cursors = new Map(state.cursors)
  const puts: TransactItem[] = chunk.map((event, index) => {
    cursors.set(event.streamId, event.version)
    return {
      Put: {
        TableName: table,
        Item: feedItem(event, state.head + index + 1),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }
  })
  const head = state.head + chunk.length
  const moved = [...new Set(chunk.map((event) => event.streamId))]
  const items = [
    advance(table, headKey, 'position', state.head, head),
    ...moved.map((streamId) =>
      advance(table, cursorKey(streamId), 'version', state.cursors.get(streamId) ?? 0,
        cursors.get(streamId) ?? 0)),
    ...puts,
  ]
  return { items, state: { head, cursors } }
}
