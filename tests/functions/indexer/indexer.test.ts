import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { beforeEach, describe, expect, it } from 'vitest'
import type { EventEnvelope } from '../../../domain/events/index.js'
import { isSharedWithPartners } from '../../../domain/partner-access/partner-view.js'
import { headKey } from '../../../functions/feed/feed-layout.js'
import type { DocumentClient } from '../../../functions/shared/dynamo-client.js'
import { createDynamoFeed } from '../../../functions/feed/dynamo-feed.js'
import { silentLogger } from '../../../functions/shared/logger.js'
import { createIndexer, type IndexerHandler } from '../../../functions/indexer/indexer.js'
import { createDynamoEventStore } from '../../../functions/store/dynamo-event-store.js'
import type { EventStore } from '../../../functions/store/event-store.js'
import { createTestTables, type TestTables } from '../../setup/test-tables.js'
import { recordEdition, recordWithWithheld } from './record-events.js'
import { insertRecord, streamEvent } from './stream-events.js'
import { testVault } from '../../setup/test-vault.js'

let tables: TestTables
let store: EventStore
let index: IndexerHandler
let feed: ReturnType<typeof createDynamoFeed>

beforeEach(async () => {
  tables = await createTestTables()
  store = createDynamoEventStore({ doc: tables.doc, tables: tables.names, personalData: testVault(tables) })
  index = createIndexer({ doc: tables.doc, tables: tables.names })
  feed = createDynamoFeed({ doc: tables.doc, table: tables.names.feed })
})

const wholeFeed = () => feed.read({ after: 0, limit: 100_000 })

const ids = (events: readonly { eventId: string }[]) => events.map((event) => event.eventId)

/** The Feed holds each event once, positions 1…N, and every stream in version order. */
const expectFeedOf = async (recorded: readonly EventEnvelope[]) => {
  const indexed = await wholeFeed()
  expect(indexed.map((event) => event.position)).toEqual(indexed.map((_, i) => i + 1))
  expect([...ids(indexed)].sort()).toEqual([...ids(recorded)].sort())
  const streams = new Set(recorded.map((event) => event.streamId))
  for (const streamId of streams) {
    const versions = indexed.filter((e) => e.streamId === streamId).map((e) => e.version)
    expect(versions).toEqual(versions.map((_, i) => i + 1))
  }
  expect(await feed.head()).toBe(recorded.length)
  await expectSequencesOf(indexed)
  return indexed
}

/**
 * The events partners receive carry 1…K in Feed order, each once, and no other event has
 * one; the head's `shared` is K; the `bySequence` index reads them back gapless.
 */
const expectSequencesOf = async (indexed: Awaited<ReturnType<typeof wholeFeed>>) => {
  const shared = indexed.filter((event) => isSharedWithPartners(event.type))
  expect(shared.map((event) => event.sequence)).toEqual(shared.map((_, i) => i + 1))
  const withheld = indexed.filter((event) => !isSharedWithPartners(event.type))
  expect(withheld.map((event) => event.sequence)).toEqual(withheld.map(() => undefined))
  const { Item } = await tables.doc.send(
    new GetCommand({ TableName: tables.names.feed, Key: headKey, ConsistentRead: true }))
  expect(Item?.shared ?? 0).toBe(shared.length)
  const bySequence = await feed.readShared({ after: 0, limit: 100_000 })
  expect(ids(bySequence)).toEqual(ids(shared))
}

describe('indexer', () => {
  it('indexes a batch once, however many times it is delivered', async () => {
    const recorded = [
      ...(await recordEdition(store, 'ces-2020', 3)),
      ...(await recordEdition(store, 'ces-2019', 2)),
    ]
    const batch = streamEvent(recorded.map((event) => insertRecord(event)))

    expect(await index(batch)).toEqual({ batchItemFailures: [] })
    expect(await index(batch)).toEqual({ batchItemFailures: [] })

    const indexed = await expectFeedOf(recorded)
    expect(indexed[0]).toMatchObject({ ...recorded[0], position: 1 })
  })

  it('reads what a batch lacks from the Events table and puts each stream in order', async () => {
    const a = await recordEdition(store, 'ces-2020', 3) // versions 1…4
    const b = await recordEdition(store, 'vivatech-2020', 1) // versions 1…2
    // Out of order, a's version 2 and b's version 1 never delivered.
    const batch = streamEvent([a[3], a[0], b[1], a[2]].map((event) => insertRecord(event!)))

    expect(await index(batch)).toEqual({ batchItemFailures: [] })

    const indexed = await expectFeedOf([...a, ...b])
    expect(indexed.map((e) => `${e.streamId}@${e.version}`)).toEqual([
      'edition-ces-2020@1', 'edition-ces-2020@2', 'edition-ces-2020@3', 'edition-ces-2020@4',
      'edition-vivatech-2020@1', 'edition-vivatech-2020@2',
    ])
    // The late, lost records arrive after all: nothing moves.
    expect(await index(streamEvent([insertRecord(b[0]!), insertRecord(a[1]!)])))
      .toEqual({ batchItemFailures: [] })
    await expectFeedOf([...a, ...b])
  })

  it('reports a poisoned record and its stream\'s later ones, and indexes the rest', async () => {
    const a = await recordEdition(store, 'ces-2020', 1)
    const b = await recordEdition(store, 'mwc-2020', 1)
    const poisoned = insertRecord({ streamId: 'edition-ghost', version: 1 },
      { streamId: { S: 'edition-ghost' }, version: { N: '1' }, type: { S: 'edition.exploded' } })
    const ghostFollower = insertRecord({ ...b[0]!, streamId: 'edition-ghost', version: 2 })
    const garbled = insertRecord(a[0]!, { nonsense: { BOOL: true } })
    garbled.dynamodb!.Keys = undefined
    const batch = streamEvent([insertRecord(a[0]!), poisoned, insertRecord(b[0]!), garbled,
      ghostFollower, insertRecord(a[1]!), insertRecord(b[1]!)])

    const { batchItemFailures } = await index(batch)

    expect(batchItemFailures).toEqual([poisoned, garbled, ghostFollower].map((record) =>
      ({ itemIdentifier: record.dynamodb!.SequenceNumber })))
    await expectFeedOf([...a, ...b])
  })

  it('never hands out a position or a partner sequence twice to invocations racing over many streams', async () => {
    // Writers record editions concurrently, withheld applications between their events.
    const editions = Array.from({ length: 16 }, (_, i) => `show-${i + 1}`)
    const recorded = (
      await Promise.all(editions.map((id, i) =>
        i % 2 === 0 ? recordEdition(store, id, 3 + (i % 5)) : recordWithWithheld(store, id, 3)))
    ).flat()
    expect(recorded.some((event) => !isSharedWithPartners(event.type))).toBe(true)
    const records = recorded.map((event) => insertRecord(event))
    // Overlapping batches, as concurrent shards and redeliveries produce them.
    const every = (n: number, offset: number) => records.filter((_, i) => (i + offset) % n !== 0)
    const batches = [records.slice(0, 60), records.slice(30), every(3, 0), every(2, 1),
      [...records].reverse(), records.slice(10, 90)]

    const retries: string[] = []
    const logger = { ...silentLogger, info: (message: string) => void retries.push(message) }
    const racing = createIndexer({ doc: tables.doc, tables: tables.names, logger })

    const responses = await Promise.all(batches.map((batch) => racing(streamEvent(batch))))

    expect(responses.every((r) => r.batchItemFailures.length === 0)).toBe(true)
    // The race was real: some invocations lost a transaction and retried.
    expect(retries.filter((message) => message.includes('retrying')).length).toBeGreaterThan(0)
    await expectFeedOf(recorded)
  })

  it('keeps partner sequences gapless when a transaction lands but its answer is lost', async () => {
    const recorded = [
      ...(await recordWithWithheld(store, 'ces-2020', 4)),
      ...(await recordEdition(store, 'ces-2019', 2)),
    ]
    // The first transaction is written, then the connection drops before its answer.
    let lost = 0
    const lossy = new Proxy(tables.doc, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver) as unknown
        return async (command: Parameters<DocumentClient['send']>[0]) => {
          const output = await target.send(command as never)
          if (command instanceof TransactWriteCommand && lost++ === 0) {
            throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' })
          }
          return output
        }
      },
    })
    const flaky = createIndexer({ doc: lossy, tables: tables.names, maxConflicts: 0 })
    const batch = streamEvent(recorded.map((event) => insertRecord(event)))

    const first = await flaky(batch)
    // Lambda redelivers what failed: the retry finds the cursors moved and goes on from there.
    const second = await index(batch)

    expect(first.batchItemFailures.length).toBeGreaterThan(0)
    expect(second).toEqual({ batchItemFailures: [] })
    await expectFeedOf(recorded)
  })

  it('splits a long backlog into transactions of at most 100 items', async () => {
    const recorded = await recordEdition(store, 'ces-2017', 249) // 250 events in one stream
    // Only the latest record arrives: everything before it is read from the Events table.
    expect(await index(streamEvent([insertRecord(recorded.at(-1)!)])))
      .toEqual({ batchItemFailures: [] })
    await expectFeedOf(recorded)
  })
})
