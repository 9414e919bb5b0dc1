import { describe, expect, it } from 'vitest'
import { createIndexer } from '../../../functions/indexer/indexer.js'
import { runProjections } from '../../../functions/projector/run-projections.js'
import { rebuild } from '../../../functions/rebuild/rebuild.js'
import { createDynamoEventStore } from '../../../functions/store/dynamo-event-store.js'
import { recordEdition } from '../indexer/record-events.js'
import { insertRecord, streamEvent } from '../indexer/stream-events.js'
import { projectorHarness, wholeCollection } from '../projector/harness.js'
import { countByType, everyEvent, streamOrder } from '../projector/test-projections.js'
import { testVault } from '../../setup/test-vault.js'

/** A deterministic shuffle (a small LCG), so a failure can be replayed. */
const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const out = [...items]
  let state = seed
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    const j = state % (i + 1)
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

describe('from the Events stream to the read models', () => {
  it('gives read models equal to a clean rebuild, however messy the deliveries', async () => {
    const { tables, feed, store, readModels } = await projectorHarness()
    const events = createDynamoEventStore({ doc: tables.doc, tables: tables.names, personalData: testVault(tables) })
    const index = createIndexer({ doc: tables.doc, tables: tables.names })
    const projections = [countByType, streamOrder, everyEvent]
    const editions = ['ces-2020', 'ces-2019', 'ces-2017', 'mwc-2020', 'vivatech-2020', 'bio-2020']
    const recorded = (await Promise.all(editions.map((id, i) => recordEdition(events, id, 4 + i))))
      .flat()
    const records = recorded.map((event) => insertRecord(event))
    const dropEvery = (n: number) => (_: unknown, i: number) => i % n !== 0
    // Out of order, with holes, duplicated and overlapping; two of them race.
    const deliveries = [
      [shuffled(records.slice(0, 20), 7).filter(dropEvery(3))],
      [records.slice(10, 35).reverse(), shuffled(records.slice(25, 50), 11)],
      [records.slice(30).filter(dropEvery(4))],
      [records],
    ]

    for (const concurrent of deliveries) {
      const responses = await Promise.all(concurrent.map((batch) => index(streamEvent(batch))))
      expect(responses.flatMap((r) => r.batchItemFailures)).toEqual([])
      await runProjections({ feed, store, projections, batchSize: 7 })
    }

    const indexed = await feed.read({ after: 0, limit: 1_000 })
    expect(indexed.map((e) => e.position)).toEqual(recorded.map((_, i) => i + 1))
    const live = {
      counts: await wholeCollection(readModels, 'counts'),
      streams: await wholeCollection(readModels, 'streams'),
      events: await wholeCollection(readModels, 'events', 1_000),
    }
    // Every stream's events reached the projection in version order, none twice.
    const stream = (events: number) => ({ events, lastVersion: events, inOrder: true })
    expect(Object.fromEntries(live.streams.map((s) => [s.id, s.doc])))
      .toEqual(Object.fromEntries(editions.map((id, i) => [`edition-${id}`, stream(5 + i)])))

    expect(await rebuild({ feed, store, projections })).toMatchObject({ generation: 2 })

    expect({
      counts: await wholeCollection(readModels, 'counts'),
      streams: await wholeCollection(readModels, 'streams'),
      events: await wholeCollection(readModels, 'events', 1_000),
    }).toEqual(live)
  })
})
