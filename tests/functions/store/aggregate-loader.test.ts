import { PutCommand } from '@aws-sdk/lib-dynamodb'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { editionDecider, editionSnapshot, type EditionEvent } from '../../../domain/edition/index.js'
import { fold } from '../../../domain/shared/decider.js'
import { createAggregateLoader } from '../../../functions/store/aggregate-loader.js'
import { createDynamoEventStore } from '../../../functions/store/dynamo-event-store.js'
import type { EventStore } from '../../../functions/store/event-store.js'
import { createSnapshotStore, type SnapshotStore } from '../../../functions/store/snapshots.js'
import { createTestTables, type TestTables } from '../../setup/test-tables.js'
import { editionOpened, metadata } from '../../fixtures/events.js'

let tables: TestTables
let store: EventStore
let snapshots: SnapshotStore
let streams = 0

beforeAll(async () => {
  tables = await createTestTables()
  store = createDynamoEventStore({ doc: tables.doc, tables: tables.names })
  snapshots = createSnapshotStore({ doc: tables.doc, table: tables.names.snapshots })
})

/** A cold loader: no cache of its own, as in a new Lambda container. */
const coldLoader = (window = 8) => createAggregateLoader({ store, snapshots, window })

/** Events an edition stream may hold after its opening: partners joining, awards won. */
const laterEvent = (editionId: string) =>
  fc.oneof(
    fc.constantFrom('tpm', 'amp', 'nca', 'cci', 'casa', 'tpm').map(
      (partnerId): EditionEvent => ({
        type: 'partner.joined',
        data: { partnerId, editionId, name: `Partner ${partnerId}`, kind: 'metropolis', contribution: 'Stands' },
      }),
    ),
    fc.tuple(fc.constantFrom('s1', 's2', 's3'), fc.constantFrom('honoree', 'best-of-innovation' as const)).map(
      ([startupId, award]): EditionEvent => ({
        type: 'award.won',
        data: { awardId: `${startupId}-${award}`, editionId, startupId, award, category: 'Health & Wellness' },
      }),
    ),
    fc.constant<EditionEvent>({ type: 'edition.closed', data: { editionId } }),
  )

/** Writes the events in appends of random sizes, loading (cold) between some of them. */
const write = async (streamId: string, events: readonly EditionEvent[], cuts: readonly number[], window: number) => {
  let version = 0
  for (const size of [...cuts, events.length]) {
    const batch = events.slice(version, version + Math.max(1, size))
    if (batch.length === 0) break
    await store.append([{ streamId, expectedVersion: version, events: batch }], { metadata: metadata() })
    version += batch.length
    await coldLoader(window).load(editionDecider, streamId.slice('edition-'.length))
  }
}

describe('loading an aggregate', () => {
  it('gives the state folded from the first event, whatever the snapshots, for random histories', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(laterEvent('x'), { minLength: 0, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 6 }),
        fc.integer({ min: 2, max: 10 }),
        async (later, cuts, window) => {
          const editionId = `prop-${++streams}`
          const events = [editionOpened(editionId) as EditionEvent, ...later.map((e) => ({ ...e, data: { ...e.data, editionId } }) as EditionEvent)]
          await write(`edition-${editionId}`, events, cuts, window)
          const expected = fold(editionDecider, events)
          const loaded = await coldLoader(window).load(editionDecider, editionId)
          expect(loaded.version).toBe(events.length)
          expect(loaded.state).toEqual(expected)
        },
      ),
      { numRuns: 25 },
    )
  })

  it('reads a long stream in a bounded number of events once a snapshot exists', async () => {
    const editionId = 'long'
    const events: EditionEvent[] = [editionOpened(editionId) as EditionEvent]
    for (let i = 0; i < 120; i++) {
      events.push({ type: 'partner.joined', data: { partnerId: `p-${i}`, editionId, name: 'P', kind: 'other', contribution: 'x' } })
    }
    for (let start = 0; start < events.length; start += 40) {
      await store.append([{ streamId: `edition-${editionId}`, expectedVersion: start, events: events.slice(start, start + 40) }], { metadata: metadata() })
    }
    const reads: number[] = []
    const counting: EventStore = {
      ...store,
      readStream: async (...args) => {
        const result = await store.readStream(...args)
        reads.push(result.length)
        return result
      },
      readStreamTail: async (...args) => {
        const result = await store.readStreamTail(...args)
        reads.push(result.events.length)
        return result
      },
    }
    const loader = () => createAggregateLoader({ store: counting, snapshots, window: 20 })
    const first = await loader().load(editionDecider, editionId)
    expect(first.state.partnerIds.size).toBe(120)
    expect((await snapshots.read(`edition-${editionId}`))?.version).toBe(121)
    reads.length = 0
    const second = await loader().load(editionDecider, editionId)
    expect(second.state).toEqual(first.state)
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(20)
  })

  it('ignores a snapshot of another fold version, and replaces it', async () => {
    const editionId = 'refold'
    const streamId = `edition-${editionId}`
    const events: EditionEvent[] = [editionOpened(editionId) as EditionEvent]
    for (let i = 0; i < 30; i++) {
      events.push({ type: 'partner.joined', data: { partnerId: `q-${i}`, editionId, name: 'Q', kind: 'other', contribution: 'x' } })
    }
    await store.append([{ streamId, expectedVersion: 0, events }], { metadata: metadata() })
    // A snapshot claiming the latest version, written by an older fold with another meaning.
    const lying = editionSnapshot.encode({ ...fold(editionDecider, events.slice(0, 1)), partnerIds: new Set(['ghost']) })
    await tables.doc.send(
      new PutCommand({
        TableName: tables.names.snapshots,
        Item: { streamId, version: 31, foldVersion: editionSnapshot.foldVersion - 1, state: lying },
      }),
    )
    const loaded = await coldLoader(8).load(editionDecider, editionId)
    expect(loaded.state).toEqual(fold(editionDecider, events))
    expect(loaded.state.partnerIds.has('ghost')).toBe(false)
    // …and the loader replaced it with one of the current fold.
    expect((await snapshots.read(streamId))?.foldVersion).toBe(editionSnapshot.foldVersion)
  })

  it('reuses its cached state and reads only what was appended since', async () => {
    const editionId = 'warm'
    await store.append([{ streamId: `edition-${editionId}`, expectedVersion: 0, events: [editionOpened(editionId)] }], { metadata: metadata() })
    const loader = createAggregateLoader({ store, snapshots })
    const first = await loader.load(editionDecider, editionId)
    await store.append([{ streamId: `edition-${editionId}`, expectedVersion: 1, events: [{ type: 'edition.closed', data: { editionId } }] }], {
      metadata: metadata(),
    })
    expect((await loader.load(editionDecider, editionId, { reuse: 'cached' })).version).toBe(1)
    const fresh = await loader.load(editionDecider, editionId)
    expect(fresh.version).toBe(2)
    expect(fresh.state.status).toBe('closed')
    expect(first.state.status).toBe('open')
  })
})
