import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { EventEnvelope } from '../../domain/events/index.js'
import { batchWriteAll } from '../../functions/feed/batch-io.js'
import { createDynamoFeed } from '../../functions/feed/dynamo-feed.js'
import type { FeedReader } from '../../functions/feed/feed.js'
import { feedItem, headKey, pageKey } from '../../functions/feed/feed-layout.js'
import type { TableNames } from '../../functions/shared/table-names.js'
import type { BenchContext } from '../context.js'
import { compare, type Workload } from '../interleave.js'

/** Fresh tables whose Feed holds `count` events at positions 1…count. */
export interface SeededFeed {
  readonly names: TableNames
  readonly feed: FeedReader
  readonly count: number
}

/**
 * Writes events straight into a fresh Feed (BatchWriteItem, the layout of feed-layout.ts)
 * and sets its head, as the indexer would have left it, without the indexer's transactions.
 *
 * @example const seeded = await seedFeed(ctx, 'read-side', programmeEvents(50_000))
 */
export const seedFeed = async (
  ctx: BenchContext,
  label: string,
  events: readonly EventEnvelope[],
): Promise<SeededFeed> => {
  const names = await ctx.freshTables(label)
  const requests = events.map((event, i) => ({ PutRequest: { Item: feedItem(event, i + 1) } }))
  await batchWriteAll(ctx.doc, names.feed, requests)
  const head = { ...headKey, position: events.length }
  await ctx.doc.send(new PutCommand({ TableName: names.feed, Item: head }))
  const feed = createDynamoFeed({ doc: ctx.doc, table: names.feed })
  return { names, feed, count: events.length }
}

/**
 * The floor: raw consistent Queries of the Feed's page partitions in order, following
 * LastEvaluatedKey, `limit` items per Query (DynamoDB's 1 MB when absent), until `count`
 * items came back. No parsing, no validation.
 */
export const rawFeedQuery = async (
  ctx: BenchContext,
  table: string,
  count: number,
  limit?: number,
): Promise<number> => {
  let items = 0
  for (let page = 0; items < count; page++) {
    let ExclusiveStartKey: Record<string, unknown> | undefined
    do {
      const output = await ctx.doc.send(new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pageKey(page) },
        ConsistentRead: true,
        ...(limit === undefined ? {} : { Limit: Math.min(limit, count - items) }),
        ExclusiveStartKey,
      }))
      items += output.Items?.length ?? 0
      ExclusiveStartKey = output.LastEvaluatedKey
    } while (ExclusiveStartKey && items < count)
  }
  return items
}

const pageSize = 100

const feedPages = (seeded: SeededFeed, count: number): Workload => ({
  label: `FeedReader.read (pages of ${pageSize})`,
  async run() {
    let after = 0
    while (after < count) {
      const page = await seeded.feed.read({ after, limit: Math.min(pageSize, count - after) })
      const last = page.at(-1)
      if (!last) throw new Error(`The Feed ended at ${after}, before ${count}`)
      after = last.position
    }
    return after
  },
})

const rawPages = (ctx: BenchContext, seeded: SeededFeed, count: number): Workload => ({
  label: `raw Query, Limit ${pageSize}`,
  run: () => rawFeedQuery(ctx, seeded.names.feed, count, pageSize),
})

/** Reads the first events of the seeded Feed a page at a time: ours (parsed, gapless) vs raw. */
export const feedCases = async (ctx: BenchContext, rounds: number, seeded: SeededFeed) => {
  const count = Math.min(seeded.count, ctx.size(10_000, 2_000))
  const note = `first ${count.toLocaleString('en')} events of the seeded Feed; both sides use ` +
    'consistent reads; ours also validates every envelope (zod) and checks for holes'
  return [
    await compare(`feed, ${count.toLocaleString('en')} events`, feedPages(seeded, count),
      rawPages(ctx, seeded, count), { rounds, note }),
  ]
}
