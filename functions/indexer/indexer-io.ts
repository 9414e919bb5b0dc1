import { parseEnvelope, type EventEnvelope } from '../../domain/events/index.js'
import { batchGetAll } from '../feed/batch-io.js'
import { cursorKey, headKey } from '../feed/feed-layout.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { queryAll } from '../shared/query-all.js'
import type { IndexerState } from './index-transaction.js'

/** The Events table does not hold a version that a later one was recorded after. */
class MissingEventError extends Error {
  override readonly name = 'MissingEventError'
  constructor(readonly streamId: string, readonly version: number) {
    super(`Stream ${streamId} has no event at version ${version} in the Events table`)
  }
}

const numberOf = (value: unknown) => (typeof value === 'number' ? value : 0)

/**
 * The head (position and partner sequence) and the cursors of `streamIds` (0 for what was
 * never written), read consistently.
 *
 * @example const { head, shared, cursors } = await readIndexerState(doc, 'Feed', ['edition-ces-2020'])
 */
export const readIndexerState = async (
  doc: DocumentClient,
  table: string,
  streamIds: readonly string[],
): Promise<IndexerState> => {
  const items = await batchGetAll(doc, table, [headKey, ...streamIds.map(cursorKey)])
  const byPk = new Map(items.map((item) => [String(item.pk), item]))
  return {
    head: numberOf(byPk.get(headKey.pk)?.position),
    shared: numberOf(byPk.get(headKey.pk)?.shared),
    cursors: new Map(
      streamIds.map((streamId) => [streamId, numberOf(byPk.get(cursorKey(streamId).pk)?.version)]),
    ),
  }
}

/**
 * Versions `from`…`to` of a stream from the Events table (consistent, every page),
 * validated: what the stream records of this batch did not carry.
 *
 * @example await readVersions(doc, 'Events', 'edition-ces-2020', 3, 5) // v3, v4, v5
 */
export const readVersions = async (
  doc: DocumentClient,
  table: string,
  streamId: string,
  from: number,
  to: number,
): Promise<EventEnvelope[]> => {
  const events = await queryAll(
    doc,
    {
      TableName: table,
      KeyConditionExpression: 'streamId = :s AND version BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':s': streamId, ':from': from, ':to': to },
      ConsistentRead: true,
    },
    parseEnvelope,
  )
  events.forEach((event, index) => {
    if (event.version !== from + index) throw new MissingEventError(streamId, from + index)
  })
  if (events.length < to - from + 1) throw new MissingEventError(streamId, from + events.length)
  return events
}
