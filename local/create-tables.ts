import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb'
import { setTimeout as sleep } from 'node:timers/promises'
import { tables, type KeyAttribute, type TableDefinition, type TableKey } from '../functions/shared/tables.js'
import type { TableNames } from '../functions/shared/table-names.js'

// Generous: an index added to a kept data directory is built over all the items it holds.
const ACTIVE_TIMEOUT_MS = 120_000

const keySchema = (partitionKey: KeyAttribute, sortKey?: KeyAttribute): KeySchemaElement[] => [
  { AttributeName: partitionKey.name, KeyType: 'HASH' },
  ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }] : []),
]

/** Every key attribute of the table and its indexes, each once. */
const attributeDefinitions = (table: TableDefinition): AttributeDefinition[] => {
  const keys = [table.partitionKey, table.sortKey, ...(table.globalIndexes ?? []).flatMap(
    (index) => [index.partitionKey, index.sortKey],
  )].filter((key): key is KeyAttribute => key !== undefined)
  const byName = new Map(keys.map((key) => [key.name, key.type]))
  return [...byName].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }))
}

/** The CreateTable request for one definition of functions/shared/tables.ts, as CDK deploys it. */
export const createTableInput = (
  name: string,
  table: TableDefinition,
): CreateTableCommandInput => ({
  TableName: name,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: attributeDefinitions(table),
  KeySchema: keySchema(table.partitionKey, table.sortKey),
  ...(table.stream
    ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } }
    : {}),
  ...(table.globalIndexes?.length
    ? {
        GlobalSecondaryIndexes: table.globalIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: { ProjectionType: 'ALL' as const },
        })),
      }
    : {}),
})

const waitUntilActive = async (client: DynamoDBClient, name: string) => {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }))
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === 'ACTIVE',
    )
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return
    if (Date.now() > deadline) throw new Error(`Table ${name} is not ACTIVE after ${ACTIVE_TIMEOUT_MS / 1000} s`)
    await sleep(100)
  }
}

const enableTimeToLive = async (client: DynamoDBClient, name: string, attribute: string) => {
  const { TimeToLiveDescription } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: name }),
  )
  // Enabling twice is a ValidationException, so an existing table is checked first.
  if (TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') return
  await client.send(new UpdateTimeToLiveCommand({
    TableName: name,
    TimeToLiveSpecification: { Enabled: true, AttributeName: attribute },
  }))
}

/**
 * The indexes a table kept from before (`npm start --data-dir`) lacks, added one at a time as
 * DynamoDB allows (and as CloudFormation deploys a new index): a table is never recreated.
 */
const addMissingIndexes = async (client: DynamoDBClient, name: string, table: TableDefinition) => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }))
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName))
  for (const index of table.globalIndexes ?? []) {
    if (present.has(index.indexName)) continue
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: attributeDefinitions(table),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.indexName,
              KeySchema: keySchema(index.partitionKey, index.sortKey),
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    )
    await waitUntilActive(client, name)
  }
}

const createTable = async (client: DynamoDBClient, name: string, table: TableDefinition) => {
  try {
    await client.send(new CreateTableCommand(createTableInput(name, table)))
  } catch (error: unknown) {
    if (!(error instanceof ResourceInUseException)) throw error
    await waitUntilActive(client, name)
    await addMissingIndexes(client, name, table)
  }
  await waitUntilActive(client, name)
  if (table.timeToLiveAttribute) await enableTimeToLive(client, name, table.timeToLiveAttribute)
}

/**
 * Creates every table of functions/shared/tables.ts under `names` and waits until they are
 * ACTIVE; a table that already exists is left as it is, but for an index of its definition
 * it lacks (a data directory kept from before the index was added), which is added.
 *
 * @example await createTables(client, tableNamesForPrefix('delegation-sud-local'))
 */
export const createTables = async (client: DynamoDBClient, names: TableNames): Promise<void> => {
  const keys = Object.keys(tables) as TableKey[]
  await Promise.all(keys.map((key) => createTable(client, names[key], tables[key])))
}
