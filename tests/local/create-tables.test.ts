import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb'
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDocumentClient, type DocumentClient } from '../../functions/shared/dynamo-client.js'
import { tableNamesForPrefix } from '../../functions/shared/table-names.js'
import type { TableKey } from '../../functions/shared/tables.js'
import { tables } from '../../functions/shared/tables.js'
import { createTableInput, createTables } from '../../local/create-tables.js'
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local.js'
import { createTestClient, createTestTables, type TestTables } from '../setup/test-tables.js'

let test: TestTables
const described = new Map<TableKey, TableDescription>()

const describeTable = async (key: TableKey) => {
  const { Table } = await test.client.send(new DescribeTableCommand({ TableName: test.names[key] }))
  if (!Table) throw new Error(`${test.names[key]} is missing`)
  return Table
}

const timeToLive = async (key: TableKey) => {
  const command = new DescribeTimeToLiveCommand({ TableName: test.names[key] })
  return (await test.client.send(command)).TimeToLiveDescription
}

beforeAll(async () => {
  test = await createTestTables()
  for (const key of Object.keys(tables) as TableKey[]) described.set(key, await describeTable(key))
})

describe.each(Object.entries(tables))('createTables: the %s table', (key, table) => {
  const get = () => described.get(key as TableKey)

  it('is ACTIVE, on demand, with the key schema of functions/shared/tables.ts', () => {
    expect(get()).toMatchObject({
      TableStatus: 'ACTIVE',
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      KeySchema: [
        { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
        ...('sortKey' in table ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' }] : []),
      ],
    })
    const types = Object.fromEntries(
      (get()?.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]),
    )
    expect(types[table.partitionKey.name]).toBe(table.partitionKey.type)
    if ('sortKey' in table) expect(types[table.sortKey.name]).toBe(table.sortKey.type)
  })

  it('has the stream of its definition, or none', () => {
    const stream = 'stream' in table ? table.stream : undefined
    if (stream) {
      expect(get()?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: stream })
      expect(get()?.LatestStreamArn).toMatch(/stream/)
    } else {
      expect(get()?.StreamSpecification?.StreamEnabled ?? false).toBe(false)
    }
  })

  it('has the TTL attribute of its definition, or none', async () => {
    const ttl = await timeToLive(key as TableKey)
    if ('timeToLiveAttribute' in table) {
      expect(ttl).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: table.timeToLiveAttribute })
    } else {
      expect(ttl?.TimeToLiveStatus).toBe('DISABLED')
    }
  })

  it('has the global indexes of its definition, projecting everything', () => {
    const indexes = 'globalIndexes' in table ? table.globalIndexes : []
    const actual = get()?.GlobalSecondaryIndexes ?? []
    expect(actual.map((index) => index.IndexName).sort()).toEqual(
      indexes.map((index) => index.indexName).sort(),
    )
    for (const index of indexes) {
      expect(actual.find((a) => a.IndexName === index.indexName)).toMatchObject({
        IndexStatus: 'ACTIVE',
        Projection: { ProjectionType: 'ALL' },
        KeySchema: [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
        ],
      })
    }
  })
})

describe('createTables, run again on existing tables', () => {
  it('succeeds and leaves them as they were', async () => {
    await createTables(test.client, test.names)

    for (const key of Object.keys(tables) as TableKey[]) {
      const again = await describeTable(key)
      expect(again.CreationDateTime).toEqual(described.get(key)?.CreationDateTime)
      expect(again.LatestStreamArn).toEqual(described.get(key)?.LatestStreamArn)
    }
    expect((await timeToLive('guards'))?.TimeToLiveStatus).toBe('ENABLED')
  })
})

/*
 * DynamoDB Local builds an index added by UpdateTable on a pool of 10 threads that also sweeps
 * every table with a TTL, again and again. The run's shared instance holds the TTL tables of
 * every test file (400 of them keep a new index CREATING for over 90 s, against 0.2 s with 50),
 * so this test gets an instance of its own, as `npm start` has.
 */
describe('createTables, on a table kept from before an index was added', () => {
  let own: DynamoDbLocal
  let client: DynamoDBClient
  let doc: DocumentClient
  const names = tableNamesForPrefix('kept')

  beforeAll(async () => {
    own = await startDynamoDbLocal()
    client = createTestClient(own.endpoint)
    doc = createDocumentClient({ endpoint: own.endpoint })
  })
  afterAll(() => own.stop())

  it('adds the index it lacks, keeping its items', async () => {
    const name = names.outbox
    const { GlobalSecondaryIndexes = [], ...input } = createTableInput(name, tables.outbox)
    // The outbox as it was before byApplication: its first index, and only the attributes its keys name.
    const kept = GlobalSecondaryIndexes.slice(0, 1)
    const named = new Set([...(input.KeySchema ?? []), ...kept.flatMap((index) => index.KeySchema ?? [])].map((k) => k.AttributeName))
    const AttributeDefinitions = (input.AttributeDefinitions ?? []).filter((a) => named.has(a.AttributeName))
    await client.send(new CreateTableCommand({ ...input, AttributeDefinitions, GlobalSecondaryIndexes: kept }))
    await doc.send(new PutCommand({ TableName: name, Item: { pk: 'notifier', sk: 'checkpoint', position: 7 } }))
    await createTables(client, names)
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }))
    expect(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.IndexStatus]).sort()).toEqual([
      ['byApplication', 'ACTIVE'],
      ['byDue', 'ACTIVE'],
    ])
    const { Item } = await doc.send(new GetCommand({ TableName: name, Key: { pk: 'notifier', sk: 'checkpoint' } }))
    expect(Item).toMatchObject({ position: 7 })
  })
})
