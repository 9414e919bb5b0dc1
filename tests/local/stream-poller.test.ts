import { DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams'
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FilterPattern } from '../../functions/shared/stream-source.js'
import { startStreamPoller, type StreamPoller } from '../../local/stream-poller.js'
import { createTestTables, type TestTables } from '../setup/test-tables.js'

let test: TestTables
let streams: DynamoDBStreamsClient
const pollers: StreamPoller[] = []

beforeAll(async () => {
  test = await createTestTables()
  streams = new DynamoDBStreamsClient({
    endpoint: test.endpoint,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  })
})
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()))
})

const streamArnOf = async (tableName: string) => {
  const { Table } = await test.client.send(new DescribeTableCommand({ TableName: tableName }))
  if (!Table?.LatestStreamArn) throw new Error(`${tableName} has no stream`)
  return Table.LatestStreamArn
}

type Handler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>

const poll = async (handler: Handler, options: { batchSize?: number; filters?: FilterPattern[] } = {}) => {
  const logger = { error: vi.fn<(message: string) => void>() }
  const tableName = test.names.events
  const streamArn = await streamArnOf(tableName)
  const poller = startStreamPoller({
    client: streams, tableName, streamArn, handler, logger,
    intervalMs: 50, retryBackoffMs: 100, ...options,
  })
  pollers.push(poller)
  return { logger, streamArn }
}

const append = async (streamId: string, versions: number) => {
  for (let version = 1; version <= versions; version++) {
    const item = { streamId, version, type: 'edition.opened', data: { n: version } }
    await test.doc.send(new PutCommand({ TableName: test.names.events, Item: item }))
  }
}

const versionOf = (record: DynamoDBRecord) => Number(record.dynamodb?.Keys?.version?.N)
const ofStream = (streamId: string) => (record: DynamoDBRecord) =>
  record.dynamodb?.Keys?.streamId?.S === streamId

const eventually = (assertion: () => void) =>
  vi.waitFor(assertion, { timeout: 10_000, interval: 50 })

describe('startStreamPoller on DynamoDB Local', () => {
  it('delivers real stream records, in order, in Lambda\'s DynamoDB JSON shape', async () => {
    const delivered: DynamoDBRecord[] = []
    const { streamArn } = await poll(async (event) => void delivered.push(...event.Records))

    await append('edition-order', 5)

    await eventually(() => expect(delivered.filter(ofStream('edition-order'))).toHaveLength(5))
    const records = delivered.filter(ofStream('edition-order'))
    expect(records.map(versionOf)).toEqual([1, 2, 3, 4, 5])
    expect(records[0]).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      eventSourceARN: streamArn,
      awsRegion: 'eu-west-3',
      dynamodb: {
        Keys: { streamId: { S: 'edition-order' }, version: { N: '1' } },
        NewImage: {
          streamId: { S: 'edition-order' },
          version: { N: '1' },
          type: { S: 'edition.opened' },
          data: { M: { n: { N: '1' } } },
        },
        StreamViewType: 'NEW_IMAGE',
        SequenceNumber: expect.any(String),
        SizeBytes: expect.any(Number),
        ApproximateCreationDateTime: expect.any(Number),
      },
    })
    expect(records[0]?.dynamodb).not.toHaveProperty('OldImage')
  })

  it('hands over only the records its event filters let through, in batches of its size at most', async () => {
    const kept = { dynamodb: { Keys: { streamId: { S: [{ prefix: 'kept-' }] } } } }
    for (let round = 0; round < 3; round++) {
      await append(`dropped-${round}`, 2)
      await append(`kept-${round}`, 1)
    }
    await append('kept-last', 3)

    // Started after the writes: it finds them all in the stream at once.
    const batches: string[][] = []
    await poll(async (event) => {
      batches.push(event.Records.map((record) => `${record.dynamodb?.Keys?.streamId?.S}@${versionOf(record)}`))
    }, { batchSize: 2, filters: [kept] })

    await eventually(() => expect(batches.flat()).toContain('kept-last@3'))
    // Every other record of the table (this file's other tests' too) matched no filter.
    expect(batches).toEqual([['kept-0@1', 'kept-1@1'], ['kept-2@1', 'kept-last@1'], ['kept-last@2', 'kept-last@3']])
  })

  it('re-delivers from the first failed record after a batchItemFailure', async () => {
    await append('edition-partial', 5)
    const batches: number[][] = []
    let failed = false

    const { logger } = await poll(async (event) => {
      const mine = event.Records.filter(ofStream('edition-partial'))
      if (mine.length) batches.push(mine.map(versionOf))
      const third = mine.find((record) => versionOf(record) === 3)
      if (failed || !third) return { batchItemFailures: [] }
      failed = true
      return { batchItemFailures: [{ itemIdentifier: third.dynamodb?.SequenceNumber ?? '' }] }
    })

    await eventually(() => expect(batches).toHaveLength(2))
    expect(batches).toEqual([[1, 2, 3, 4, 5], [3, 4, 5]])
    expect(logger.error).toHaveBeenCalledTimes(1)
    expect(logger.error.mock.calls[0]?.[0]).toMatch(/1 record\(s\) failed: retrying from \d+$/)
  })

  it('retries the whole batch after the handler throws, and logs one line', async () => {
    await append('edition-throws', 2)
    const attempts: number[][] = []

    const { logger } = await poll(async (event) => {
      const mine = event.Records.filter(ofStream('edition-throws'))
      if (mine.length) attempts.push(mine.map(versionOf))
      if (attempts.length === 1 && mine.length) throw new Error('the table is\non fire')
    })

    await eventually(() => expect(attempts).toHaveLength(2))
    expect(attempts).toEqual([[1, 2], [1, 2]])
    expect(logger.error).toHaveBeenCalledTimes(1)
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(/handler failed on \d+ record\(s\): Error: the table is on fire$/),
    )
  })

  it('stops cleanly: no invocation after stop() resolves', async () => {
    const handler = vi.fn<Handler>(async () => undefined)
    await poll(handler)
    await append('edition-stop', 1)
    await eventually(() => expect(handler).toHaveBeenCalled())

    await Promise.all(pollers.splice(0).map((poller) => poller.stop()))
    const calls = handler.mock.calls.length
    await append('edition-stop-after', 1)
    await new Promise((done) => setTimeout(done, 300))

    expect(handler.mock.calls.length).toBe(calls)
  })
})
