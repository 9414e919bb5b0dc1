import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams'
import type { DynamoDBRecord } from 'aws-lambda'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startStreamPoller, type StreamPoller } from '../../local/stream-poller.js'

// DynamoDB Local keeps one shard per table, so shard lineage and pagination are
// exercised against an in-memory stand-in of the DynamoDB Streams API.

interface FakeShard {
  readonly id: string
  readonly parent?: string
  readonly records: number[]
  closed: boolean
}

const sequence = (n: number) => String(n).padStart(21, '0')

const record = (n: number): _Record => ({
  eventID: `event-${n}`,
  eventName: 'INSERT',
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'ddblocal',
  dynamodb: {
    Keys: { n: { N: String(n) } },
    NewImage: { n: { N: String(n) }, bytes: { B: new Uint8Array([1, 2, 3]) } },
    SequenceNumber: sequence(n),
    SizeBytes: 12,
    StreamViewType: 'NEW_IMAGE',
    ApproximateCreationDateTime: new Date('2020-01-07T10:00:00Z'),
  },
})

/** DescribeStream pages one shard at a time, to make the poller follow pagination. */
const fakeStreams = (shards: FakeShard[]) => {
  const find = (id: string | undefined) => {
    const shard = shards.find((candidate) => candidate.id === id)
    if (!shard) throw new Error(`no shard ${id}`)
    return shard
  }
  const send = async (command: unknown) => {
    if (command instanceof DescribeStreamCommand) {
      const start = command.input.ExclusiveStartShardId
      const from = start ? shards.findIndex((shard) => shard.id === start) + 1 : 0
      const page = shards.slice(from, from + 1)
      const Shards = page.map((shard) => ({
        ShardId: shard.id,
        ParentShardId: shard.parent,
        SequenceNumberRange: {
          StartingSequenceNumber: sequence(shard.records[0] ?? 0),
          EndingSequenceNumber: shard.closed ? sequence(shard.records.at(-1) ?? 0) : undefined,
        },
      }))
      const more = from + 1 < shards.length
      return { StreamDescription: { Shards, LastEvaluatedShardId: more ? page[0]?.id : undefined } }
    }
    if (command instanceof GetShardIteratorCommand) {
      const shard = find(command.input.ShardId)
      const { ShardIteratorType: type, SequenceNumber: after } = command.input
      const afterIndex = shard.records.findIndex((n) => sequence(n) === after)
      const position = type === 'LATEST' ? shard.records.length
        : type === 'AFTER_SEQUENCE_NUMBER' ? afterIndex + 1
        : 0
      return { ShardIterator: `${shard.id}|${position}` }
    }
    if (command instanceof GetRecordsCommand) {
      const [id, at] = (command.input.ShardIterator ?? '').split('|')
      const shard = find(id)
      const from = Number(at)
      const page = shard.records.slice(from, from + (command.input.Limit ?? 100))
      const next = from + page.length
      const ended = shard.closed && next >= shard.records.length
      return { Records: page.map(record), NextShardIterator: ended ? undefined : `${id}|${next}` }
    }
    throw new Error('unexpected command')
  }
  return { send, config: { region: async () => 'eu-west-3' } } as unknown as DynamoDBStreamsClient
}

const pollers: StreamPoller[] = []
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()))
})

const poll = (shards: FakeShard[], startingPosition: 'TRIM_HORIZON' | 'LATEST') => {
  const delivered: DynamoDBRecord[] = []
  pollers.push(startStreamPoller({
    client: fakeStreams(shards),
    tableName: 'fake-Events',
    streamArn: 'arn:aws:dynamodb:eu-west-3:000000000000:table/fake-Events/stream/1',
    handler: async (event) => void delivered.push(...event.Records),
    intervalMs: 20,
    batchSize: 2,
    startingPosition,
    logger: { error: (message) => expect.fail(message) },
  }))
  const numbers = () => delivered.map((r) => Number(r.dynamodb?.Keys?.n?.N))
  return { delivered, numbers }
}

const eventually = (assertion: () => void) =>
  vi.waitFor(assertion, { timeout: 5_000, interval: 20 })

describe('startStreamPoller across shards', () => {
  it('reads a parent shard to its end before its child, across DescribeStream pages', async () => {
    const shards: FakeShard[] = [
      { id: 'child', parent: 'parent', records: [4, 5, 6], closed: false },
      { id: 'parent', records: [1, 2, 3], closed: true },
    ]

    const { numbers } = poll(shards, 'TRIM_HORIZON')

    await eventually(() => expect(numbers()).toEqual([1, 2, 3, 4, 5, 6]))
  })

  it('follows the child of a shard that closes while it is read', async () => {
    const shards: FakeShard[] = [{ id: 'first', records: [1, 2], closed: false }]
    const { numbers } = poll(shards, 'TRIM_HORIZON')
    await eventually(() => expect(numbers()).toEqual([1, 2]))

    shards.push({ id: 'second', parent: 'first', records: [4], closed: false })
    shards[0]?.records.push(3)
    if (shards[0]) shards[0].closed = true

    await eventually(() => expect(numbers()).toEqual([1, 2, 3, 4]))
  })

  it('at LATEST, skips closed shards and what open shards already hold', async () => {
    const shards: FakeShard[] = [
      { id: 'old', records: [1, 2], closed: true },
      { id: 'current', parent: 'old', records: [3], closed: false },
    ]
    const { numbers } = poll(shards, 'LATEST')
    await new Promise((done) => setTimeout(done, 200))

    shards[1]?.records.push(4)

    await eventually(() => expect(numbers()).toEqual([4]))
  })

  it('hands binaries over base64-encoded and dates as epoch seconds, as Lambda does', async () => {
    const { delivered } = poll([{ id: 'only', records: [1], closed: false }], 'TRIM_HORIZON')

    await eventually(() => expect(delivered).toHaveLength(1))
    expect(delivered[0]).toEqual({
      eventID: 'event-1',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      eventSourceARN: 'arn:aws:dynamodb:eu-west-3:000000000000:table/fake-Events/stream/1',
      awsRegion: 'eu-west-3',
      dynamodb: {
        Keys: { n: { N: '1' } },
        NewImage: { n: { N: '1' }, bytes: { B: 'AQID' } },
        SequenceNumber: sequence(1),
        SizeBytes: 12,
        StreamViewType: 'NEW_IMAGE',
        ApproximateCreationDateTime: 1578391200,
      },
    })
  })
})
