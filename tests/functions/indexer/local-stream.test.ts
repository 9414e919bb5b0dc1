import { DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams'
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDynamoFeed } from '../../../functions/feed/dynamo-feed.js'
import { createDynamoEventStore } from '../../../functions/store/dynamo-event-store.js'
import { tableEnv } from '../../../functions/shared/table-names.js'
import { startStreamPoller, type StreamPoller } from '../../../local/stream-poller.js'
import { createTestTables } from '../../setup/test-tables.js'
import { recordEdition } from './record-events.js'
import { testVault } from '../../setup/test-vault.js'

let poller: StreamPoller | undefined

afterEach(async () => {
  await poller?.stop()
  vi.unstubAllEnvs()
})

const waitFor = async (condition: () => Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('the indexer Lambda on the Events table\'s real stream', () => {
  it('indexes what DynamoDB Local\'s stream delivers, as npm start wires it', async () => {
    const { names, doc, client, endpoint } = await createTestTables()
    const env = { ...tableEnv(names), DYNAMODB_ENDPOINT: endpoint, POWERTOOLS_LOG_LEVEL: 'WARN' }
    for (const [name, value] of Object.entries(env)) {
      vi.stubEnv(name, value)
    }
    const { handler } = await import('../../../functions/indexer/lambda.js')
    const { Table } = await client.send(new DescribeTableCommand({ TableName: names.events }))
    const streams = new DynamoDBStreamsClient({
      endpoint,
      region: 'eu-west-3',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    })
    const responses: DynamoDBBatchResponse[] = []
    poller = startStreamPoller({
      client: streams,
      tableName: names.events,
      streamArn: Table!.LatestStreamArn!,
      handler: async (event: DynamoDBStreamEvent) => {
        const response = await handler(event)
        responses.push(response)
        return response
      },
      intervalMs: 50,
    })
    const store = createDynamoEventStore({ doc, tables: names, personalData: testVault({ doc, names }) })
    const recorded = (await Promise.all(['ces-2020', 'ces-2019', 'mwc-2020']
      .map((id) => recordEdition(store, id, 4)))).flat()
    const feed = createDynamoFeed({ doc, table: names.feed })

    await waitFor(async () => (await feed.head()) === recorded.length)

    const indexed = await feed.read({ after: 0, limit: 100 })
    expect(indexed.map((e) => e.position)).toEqual(recorded.map((_, i) => i + 1))
    expect(new Set(indexed.map((e) => e.eventId))).toEqual(new Set(recorded.map((e) => e.eventId)))
    expect(responses.every((r) => r.batchItemFailures.length === 0)).toBe(true)
  })
})
