import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { FeedEvent } from '../../domain/projections/projection.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import type { FeedReader, PartnerFeedReader, SequenceReader } from './feed.js'
import {
  headKey,
  pageKey,
  pageOf,
  parseFeedItem,
  sequenceIndex,
  sequencePageKey,
  sequencePartitionKey,
} from './feed-layout.js'

interface DynamoFeedOptions {
  readonly doc: DocumentClient
  /** The Feed table's physical name. */
  readonly table: string
}

interface QueryPage {
  readonly Items?: Record<string, unknown>[] | undefined
  readonly LastEvaluatedKey?: Record<string, unknown> | undefined
}

/**
 * The one forward reading of the Feed's positions and of the partner sequences alike: a
 * gapless run `after+1, after+2, …` of at most `limit` events, across partitions of 1,000
 * numbers, that stops short at the first hole (see createDynamoFeed). `queryFrom(n, count)`
 * Queries the partition holding `n`, from `n` up.
 */
const readRun = async (
  { after, limit }: { readonly after: number; readonly limit: number },
  numberOf: (event: FeedEvent) => number | undefined,
  queryFrom: (from: number, count: number) => Promise<QueryPage>,
): Promise<FeedEvent[]> => {
  if (!Number.isInteger(after) || after < 0) throw new RangeError('after must be ≥ 0')
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be ≥ 1')
  const events: FeedEvent[] = []
  let expected = after + 1
  let page = pageOf(expected)
  for (;;) {
    const output = await queryFrom(expected, limit - events.length)
    for (const item of output.Items ?? []) {
      const event = parseFeedItem(item)
      if (numberOf(event) !== expected) return events // a hole
      events.push(event)
      expected += 1
    }
    if (events.length >= limit) return events
    // More in this partition (1 MB per Query): ask again from the next expected number.
    if (output.LastEvaluatedKey) continue
    // The partition is exhausted: the run goes on only if it was full up to its last slot.
    if (pageOf(expected) === page) return events
    page += 1
  }
}

/**
 * The Feed over DynamoDB (layout in feed-layout.ts): Queries page partitions forwards,
 * with consistent reads, crossing page boundaries.
 *
 * A read returns a gapless run `after+1, after+2, …` and stops short at the first hole:
 * a Query is only read-committed against transactions, so it may see a later position
 * of the indexer's transaction before an earlier one. The hole fills within
 * milliseconds; stopping there means a consumer's checkpoint never skips an event.
 *
 * @example const events = await createDynamoFeed({ doc, table }).read({ after: 0, limit: 100 })
 */
export const createDynamoFeed = ({ doc, table }: DynamoFeedOptions): PartnerFeedReader => {
  const read: FeedReader['read'] = ({ after, limit }) =>
    readRun({ after, limit }, (event) => event.position, (from, count) =>
      doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk AND sk >= :from',
          ExpressionAttributeValues: { ':pk': pageKey(pageOf(from)), ':from': from },
          ConsistentRead: true,
          Limit: count,
        }),
      ))

  const head: FeedReader['head'] = async () => {
    const { Item } = await doc.send(
      new GetCommand({ TableName: table, Key: headKey, ConsistentRead: true }),
    )
    return typeof Item?.position === 'number' ? Item.position : 0
  }

  return { read, head, ...createSequenceReader({ doc, table }) }
}

/**
 * The events partners receive, by sequence, from the Feed's sparse `bySequence` index
 * (layout in feed-layout.ts): its partitions are read forwards like the pages. A GSI
 * is eventually consistent (no ConsistentRead): an event indexed a moment ago may be
 * missing while a later one shows, so a read stops at the first hole, and a reader
 * resuming from the last sequence it got never skips one.
 *
 * @example const events = await createSequenceReader({ doc, table }).readShared({ after: 0, limit: 100 })
 */
const createSequenceReader = ({ doc, table }: DynamoFeedOptions): SequenceReader => {
  const query = (sequence: number, limit: number) =>
    doc.send(
      new QueryCommand({
        TableName: table,
        IndexName: sequenceIndex,
        KeyConditionExpression: 'seqPk = :pk AND seqSk >= :from',
        ExpressionAttributeValues: { ':pk': sequencePageKey(sequence), ':from': sequence },
        Limit: limit,
      }),
    )

  const readShared: SequenceReader['readShared'] = ({ after, limit }) =>
    readRun({ after, limit }, (event) => event.sequence, query)

  /** The highest sequence handed out (the head's `shared`; 0 before the first). */
  const sharedHead = async (): Promise<number> => {
    const { Item } = await doc.send(
      new GetCommand({ TableName: table, Key: headKey, ConsistentRead: true }),
    )
    return typeof Item?.shared === 'number' ? Item.shared : 0
  }

  const readSharedBackwards: SequenceReader['readSharedBackwards'] = async ({ before, limit }) => {
    if (before !== undefined && (!Number.isInteger(before) || before < 0))
      throw new RangeError('before must be ≥ 0')
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be ≥ 1')
    const top = before === undefined ? await sharedHead() : before - 1
    if (top < 1) return []
    const events: FeedEvent[] = []
    // The next sequence the run needs; unknown until the first event when reading from the
    // newest, as the index may not show the head's last few yet.
    let expected: number | undefined = before === undefined ? undefined : top
    let page = pageOf(top)
    for (;;) {
      const output = await doc.send(
        new QueryCommand({
          TableName: table,
          IndexName: sequenceIndex,
          KeyConditionExpression: 'seqPk = :pk AND seqSk <= :from',
          ExpressionAttributeValues: { ':pk': sequencePartitionKey(page), ':from': expected ?? top },
          ScanIndexForward: false,
          Limit: limit - events.length,
        }),
      )
      for (const item of output.Items ?? []) {
        const event = parseFeedItem(item)
        if (expected !== undefined && event.sequence !== expected) return events // a hole
        events.push(event)
        expected = (event.sequence ?? 0) - 1
      }
      if (events.length >= limit || expected === 0) return events
      if (output.LastEvaluatedKey) continue
      // The partition is exhausted: the run goes on below only if it reached its first slot.
      if (expected !== undefined && pageOf(expected) === page) return events
      if (page === 0) return events
      page -= 1
    }
  }

  const atSequence: SequenceReader['atSequence'] = async (sequence) => {
    if (!Number.isInteger(sequence) || sequence < 1) return undefined
    const { Items } = await query(sequence, 1)
    const event = Items?.[0] ? parseFeedItem(Items[0]) : undefined
    return event?.sequence === sequence ? event : undefined
  }

  return { readShared, readSharedBackwards, atSequence }
}
