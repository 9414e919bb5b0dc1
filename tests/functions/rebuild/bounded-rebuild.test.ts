import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { projections } from '../../../domain/projections/index.js'
import { runProjections } from '../../../functions/projector/run-projections.js'
import { rebuild } from '../../../functions/rebuild/rebuild.js'
import type { DocumentClient } from '../../../functions/shared/dynamo-client.js'
import { interleave, programme } from '../../domain/projections/programme.js'
import { sampleEvents } from '../feed/feed-fixtures.js'
import { projectorHarness } from '../projector/harness.js'
import { countByType, everyEvent, testProjections } from '../projector/test-projections.js'

/** Every document of a generation as stored (hidden ones included), by `collection/id`. */
const generationOf = async (doc: DocumentClient, table: string, generation: number) => {
  const docs = new Map<string, unknown>()
  let ExclusiveStartKey: Record<string, unknown> | undefined
  do {
    const page = await doc.send(new ScanCommand({ TableName: table, ExclusiveStartKey }))
    for (const { pk, sk, ...item } of page.Items ?? []) {
      const prefix = `g${generation}#`
      if (String(pk).startsWith(prefix)) docs.set(`${String(pk).slice(prefix.length)}/${sk}`, item)
    }
    ExclusiveStartKey = page.LastEvaluatedKey
  } while (ExclusiveStartKey)
  return docs
}

describe('a rebuild in bounded memory', () => {
  it('holds no more documents than its cache, and writes what the projector writes', async () => {
    const { tables, feed, store, append } = await projectorHarness()
    // 20 streams: each run of events touches some of their documents, the rest go cold.
    await append(sampleEvents(300, 20))
    await runProjections({ feed, store, projections: testProjections, batchSize: 100 })

    const result = await rebuild({ feed, store, projections: testProjections, cacheSize: 60 })

    expect(result).toMatchObject({ generation: 2, events: 300 })
    expect(result.cache.peak).toBeLessThanOrEqual(60)
    expect(result.cache.batches).toBeGreaterThan(5)
    // Documents evicted, then needed again, come back from the new generation.
    expect(result.cache.reloaded).toBeGreaterThan(0)
    const { doc, names } = tables
    const dump = (generation: number) => generationOf(doc, names.readModels, generation)
    expect(await dump(2)).toEqual(await dump(1))
  }, 60_000)

  it('keeps what the next event needs even when that is most of its cache', async () => {
    const { tables, feed, store, append } = await projectorHarness()
    // Every event counts itself in three documents and adds one of its own: in a cache of
    // 4, three of them are needed again by each next event, and must not be evicted.
    const hot = { ...countByType, name: 'hot', keysOf: () =>
      ['a', 'b', 'c'].map((id) => ({ collection: 'hot', id })) }
    const projections = [hot, everyEvent]
    await append(sampleEvents(60, 3))
    await runProjections({ feed, store, projections })

    const result = await rebuild({ feed, store, projections, cacheSize: 4 })

    expect(result.cache.peak).toBeLessThanOrEqual(4)
    const { doc, names } = tables
    const dump = (generation: number) => generationOf(doc, names.readModels, generation)
    expect(await dump(2)).toEqual(await dump(1))
  }, 60_000)

  it('gives the real projections’ documents, hidden ones too, as the projector', async () => {
    const { tables, feed, store, append } = await projectorHarness()
    const { doc, names } = tables
    const dump = (generation: number) => generationOf(doc, names.readModels, generation)
    const [seed, choices] = fc.sample(fc.tuple(
      fc.integer({ min: 1, max: 2 ** 30 }),
      fc.array(fc.nat({ max: 1_000 }), { minLength: 50 }),
    ), { numRuns: 1, seed: 2026 })[0]!
    // Two programmes, their streams interleaved at random; a quarter first: some documents
    // still wait for the event that anchors them.
    const events = interleave([...programme(seed), ...programme(seed + 1)], choices)
    const early = Math.round(events.length / 4)
    await append(events.slice(0, early))
    await runProjections({ feed, store, projections, batchSize: 7 })

    const first = await rebuild({ feed, store, projections, cacheSize: 60, batchSize: 100 })

    const live = await dump(1)
    const hidden = [...live.values()].filter((item) => (item as { hidden?: true }).hidden)
    expect(hidden).not.toEqual([])
    expect(await dump(2)).toEqual(live)
    // The rest, folded by the live projector into the rebuilt generation, then rebuilt again.
    await append(events.slice(early))
    await runProjections({ feed, store, projections, batchSize: 7 })

    const second = await rebuild({ feed, store, projections, cacheSize: 60, batchSize: 100 })

    const continued = await dump(2)
    expect(continued.size).toBeGreaterThan(100)
    expect(await dump(3)).toEqual(continued)
    for (const { cache } of [first, second]) expect(cache.peak).toBeLessThanOrEqual(60)
    expect(second.cache.reloaded).toBeGreaterThan(0)
  }, 60_000)
})
