import { CreateTableCommand } from '@aws-sdk/client-dynamodb'
import { DynamoDBSingleTableEventStorageAdapter } from '@castore/event-storage-adapter-dynamodb'
import { partnerJoined } from '../fixtures/events.js'
import type { BenchContext } from '../context.js'
import { compare, concurrently, type Workload } from '../interleave.js'
import { ourAppend } from './append.js'

/** Castore's single-table adapter on the table layout its README prescribes. */
const castoreTable = async (ctx: BenchContext) => {
  const TableName = `${ctx.names.events}-castore`
  await ctx.client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'aggregateId', AttributeType: 'S' },
        { AttributeName: 'version', AttributeType: 'N' },
        { AttributeName: 'eventStoreId', AttributeType: 'S' },
        { AttributeName: 'timestamp', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'aggregateId', KeyType: 'HASH' },
        { AttributeName: 'version', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'initialEvents',
          KeySchema: [
            { AttributeName: 'eventStoreId', KeyType: 'HASH' },
            { AttributeName: 'timestamp', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    }),
  )
  return TableName
}

const castoreAppend = (adapter: DynamoDBSingleTableEventStorageAdapter, writers: number, perRound: number): Workload => {
  const versions = new Map<string, number>()
  return {
    label: `Castore pushEvent (${writers} writer${writers > 1 ? 's' : ''})`,
    run: (round) =>
      concurrently(perRound, writers, async (i, worker) => {
        const aggregateId = `bench-${writers}-${round}-${worker}`
        const version = (versions.get(aggregateId) ?? 0) + 1
        versions.set(aggregateId, version)
        const event = partnerJoined(`p-${i}`)
        await adapter.pushEvent(
          { aggregateId, version, type: event.type, payload: event.data, metadata: { correlationId: 'bench', actor: 'bench' } },
          { eventStoreId: 'EDITIONS' },
        )
      }),
  }
}

/** Ours against Castore's DynamoDB adapter on the same workload (ratio > 1: we are faster). */
export const castoreCases = async (ctx: BenchContext, rounds: number) => {
  const adapter = new DynamoDBSingleTableEventStorageAdapter({ tableName: await castoreTable(ctx), dynamoDBClient: ctx.client })
  return [
    await compare('append vs Castore, 1 writer', ourAppend(ctx, 1, ctx.size(300, 60)), castoreAppend(adapter, 1, ctx.size(300, 60)), { rounds, target: 1 }),
    await compare('append vs Castore, 8 writers', ourAppend(ctx, 8, ctx.size(800, 160)), castoreAppend(adapter, 8, ctx.size(800, 160)), { rounds, target: 1 }),
  ]
}
