import { describe, expect, it } from 'vitest'
import type { FeedEvent } from '../../../domain/projections/projection.js'
import type { ReadModelStore } from '../../../functions/projector/read-model-store.js'
import { runProjections } from '../../../functions/projector/run-projections.js'
import { editionOpened } from '../../fixtures/events.js'
import { envelopeOf, sampleEvents } from '../feed/feed-fixtures.js'
import { expectedCounts, projectorHarness, wholeCollection } from './harness.js'
import { countByType, everyEvent, partnersByEdition, testProjections } from './test-projections.js'

const closed = (editionId: string, version: number) =>
  envelopeOf(`edition-${editionId}`, version, { type: 'edition.closed', data: { editionId } })

/** A store whose `commit` dies on the listed calls of each projection, like a killed Lambda. */
const killedAt = (store: ReadModelStore, calls: Record<string, number[]>): ReadModelStore => {
  const seen = new Map<string, number>()
  return {
    ...store,
    commit: async (generation, projection, change) => {
      const call = (seen.get(projection) ?? 0) + 1
      seen.set(projection, call)
      if (calls[projection]?.includes(call)) throw new Error(`killed in ${projection}`)
      return store.commit(generation, projection, change)
    },
  }
}

describe('runProjections', () => {
  it('folds the whole Feed into every read model and checkpoints each projection', async () => {
    const { feed, store, readModels, append } = await projectorHarness()
    // 5 editions; show-1 closes at the end: its partners document goes away.
    const events = [...sampleEvents(250, 5), closed('show-1', 51)]
    await append(events)

    const projections = testProjections
    const result = await runProjections({ feed, store, projections, batchSize: 100 })

    expect(result).toMatchObject({
      generation: 1, position: 251, events: 251, caughtUp: true, failures: [],
    })
    expect(await wholeCollection(readModels, 'counts')).toEqual(expectedCounts(events))
    const streams = await wholeCollection(readModels, 'streams')
    const stream = (events: number) => ({ events, lastVersion: events, inOrder: true })
    expect(streams.map((s) => s.doc)).toEqual([stream(51), ...Array(4).fill(stream(50))])
    expect((await wholeCollection(readModels, 'events')).map((e) => e.id))
      .toEqual(events.map((_, i) => String(i + 1).padStart(8, '0')))
    expect(await readModels.get('partners', 'show-1')).toBeUndefined()
    expect((await readModels.get('partners', 'show-2'))?.doc)
      .toMatchObject({ partners: expect.any(Array) })
    // An ignored event still moves the checkpoint.
    expect(await readModels.freshness(partnersByEdition.name)).toBe(251)
  })

  it('changes nothing when run again, and picks up what came since', async () => {
    const { feed, store, readModels, append } = await projectorHarness()
    const first = sampleEvents(40, 4)
    await append(first)
    await runProjections({ feed, store, projections: [countByType], batchSize: 25 })

    const again = await runProjections({ feed, store, projections: [countByType], batchSize: 25 })
    expect(again).toMatchObject({ events: 0, position: 40, caughtUp: true })
    expect(await wholeCollection(readModels, 'counts')).toEqual(expectedCounts(first))

    const later = [envelopeOf('edition-ces-2021', 1, editionOpened('ces-2021'))]
    await append(later)
    expect(await runProjections({ feed, store, projections: [countByType], batchSize: 25 }))
      .toMatchObject({ events: 1, position: 41 })
    expect(await wholeCollection(readModels, 'counts'))
      .toEqual(expectedCounts([...first, ...later]))
  })

  it('resumes after being killed between transactions: nothing lost, nothing twice', async () => {
    const { feed, store, readModels, append } = await projectorHarness()
    const events = sampleEvents(260, 6)
    await append(events)
    const projections = [countByType, everyEvent]
    // every-event needs three transactions for a page of 250 (99 + 99 + 52 documents):
    // it dies at its second. count-by-type dies at its second page.
    const dying = killedAt(store, { [everyEvent.name]: [2], [countByType.name]: [2] })

    const killed = await runProjections({ feed, store: dying, projections, batchSize: 250 })

    expect(killed.failures.map((f) => f.projection).sort())
      .toEqual([countByType.name, everyEvent.name])
    expect(killed.checkpoints).toEqual({ [countByType.name]: 250, [everyEvent.name]: 99 })
    expect(await wholeCollection(readModels, 'events')).toHaveLength(99)

    const resumed = await runProjections({ feed, store, projections, batchSize: 250 })

    expect(resumed).toMatchObject({ position: 260, caughtUp: true, failures: [] })
    expect(await wholeCollection(readModels, 'counts')).toEqual(expectedCounts(events))
    const indexed = await wholeCollection(readModels, 'events', 1_000)
    expect(indexed.map((e) => e.doc))
      .toEqual(events.map((e, i) => ({ type: e.type, position: i + 1 })))
  })

  it('counts every event once when two projectors run at the same time', async () => {
    const { feed, store, readModels, append } = await projectorHarness()
    const events = sampleEvents(300, 7)
    await append(events)

    const runs = await Promise.all([1, 2, 3].map(() =>
      runProjections({ feed, store, projections: [countByType, everyEvent], batchSize: 40 })))

    expect(runs.flatMap((run) => run.failures)).toEqual([])
    expect(await runProjections({ feed, store, projections: [countByType], batchSize: 40 }))
      .toMatchObject({ position: 300, events: 0 })
    expect(await wholeCollection(readModels, 'counts')).toEqual(expectedCounts(events))
    expect(await wholeCollection(readModels, 'events', 1_000)).toHaveLength(300)
  })

  it('folds fewer events into a commit whose documents are too big for a transaction', async () => {
    const { feed, store, readModels, append } = await projectorHarness()
    await append(sampleEvents(80, 4))
    const text = 'x'.repeat(60_000) // 80 documents of 60 KB: over 4 MB, in one page
    const evolve = (_: unknown, e: FeedEvent) => ({ at: e.position, text })
    const large = { ...everyEvent, evolve }
    const commits: number[] = []
    const counting: ReadModelStore = { ...store, commit: (generation, projection, change) => {
      commits.push(change.docs.length)
      return store.commit(generation, projection, change)
    } }

    const result = await runProjections({ feed, store: counting, projections: [large] })

    expect(result).toMatchObject({ position: 80, failures: [] })
    expect(commits).toEqual([40, 40])
    const docs = await wholeCollection(readModels, 'events', 100)
    const positions = Array.from({ length: 80 }, (_, i) => i + 1)
    expect(docs.map((d) => (d.doc as { at: number }).at)).toEqual(positions)
  })

  it('isolates a failing projection: the others go on, it stays at its checkpoint', async () => {
    const { feed, store, readModels, append } = await projectorHarness()
    await append(sampleEvents(30, 3))
    const broken = { ...countByType, name: 'broken', evolve: () => { throw new Error('bug') } }

    const result = await runProjections({ feed, store, projections: [broken, countByType] })

    expect(result.failures).toEqual([{ projection: 'broken', error: 'Error: bug' }])
    expect(result.checkpoints).toEqual({ broken: 0, [countByType.name]: 30 })
    expect(await readModels.freshness(countByType.name)).toBe(30)
  })
})
