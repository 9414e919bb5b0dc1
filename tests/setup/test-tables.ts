import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { randomUUID } from 'node:crypto'
import { inject } from 'vitest'
import { createDocumentClient, type DocumentClient } from '../../functions/shared/dynamo-client.js'
import { tableNamesForPrefix, type TableNames } from '../../functions/shared/table-names.js'
import { createTables } from '../../local/create-tables.js'

export interface TestTables {
  readonly endpoint: string
  readonly names: TableNames
  readonly doc: DocumentClient
  readonly client: DynamoDBClient
}

/** A low-level client for the run's DynamoDB Local (any credentials do: it runs -sharedDb). */
export const createTestClient = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  })

/**
 * Every table of functions/shared/tables.ts under a fresh random prefix in the run's DynamoDB
 * Local, so test files running in parallel never see each other's items.
 *
 * @example beforeAll(async () => { tables = await createTestTables() })
 */
export const createTestTables = async (): Promise<TestTables> => {
  const endpoint = inject('dynamoEndpoint')
  const names = tableNamesForPrefix(`test-${randomUUID().slice(0, 8)}`)
  const client = createTestClient(endpoint)
  await createTables(client, names)
  return { endpoint, names, doc: createDocumentClient({ endpoint }), client }
}
