import type { ScheduledEvent } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import {
  createProjectorHandler,
  ProjectionsFailedError,
} from '../../../functions/projector/handler.js'
import type { ReadModelStore } from '../../../functions/projector/read-model-store.js'
import { runProjections } from '../../../functions/projector/run-projections.js'
import { sampleEvents } from '../feed/feed-fixtures.js'
import { projectorHarness, wholeCollection, expectedCounts } from './harness.js'
import { countByType } from './test-projections.js'
import { pageKey } from '../../../functions/feed/feed-layout.js'

const scheduled = { 'detail-type': 'Scheduled Event', source: 'aws.events' } as ScheduledEvent

/** A Feed stream record: only its sequence number matters, its content is ignored. */
const wakeUp = (sequence: string) => ({
  eventName: 'INSERT' as const,
  dynamodb: { SequenceNumber: sequence, Keys: { pk: { S: pageKey(0) }, sk: { N: '1' } } },
})

describe('the projector handler', () => {
  it('catches up from its checkpoints when the Feed stream wakes it', async () => {
    const { feed, store, readModels, append } = await projectorHarness()
    const events = sampleEvents(30)
    await append(events)
    const handler = createProjectorHandler({ feed, store, projections: [countByType] })

    expect(await handler({ Records: [wakeUp('1')] })).toEqual({ batchItemFailures: [] })
    expect(await wholeCollection(readModels, 'counts')).toEqual(expectedCounts(events))
  })

  it('catches up on a schedule too, and stops when its time runs short', async () => {
    const { feed, store, readModels, append } = await projectorHarness()
    await append(sampleEvents(30))
    const projections = [countByType]
    const handler = createProjectorHandler({ feed, store, projections, batchSize: 10 })

    const outOfTime = await handler(scheduled, { getRemainingTimeInMillis: () => 4_000 })
    expect(outOfTime).toMatchObject({ events: 0, caughtUp: false })
    expect(await handler(scheduled)).toMatchObject({ position: 30, caughtUp: true })
    expect(await readModels.freshness(countByType.name)).toBe(30)
  })

  it('reports a failure: one record back to the stream, an error to the schedule', async () => {
    const { feed, store, append } = await projectorHarness()
    await append(sampleEvents(3))
    const broken = { ...countByType, evolve: () => { throw new Error('bug') } }
    const handler = createProjectorHandler({ feed, store, projections: [broken] })

    expect(await handler({ Records: [wakeUp('7'), wakeUp('8')] }))
      .toEqual({ batchItemFailures: [{ itemIdentifier: '8' }] })
    await expect(handler(scheduled)).rejects.toThrow(ProjectionsFailedError)
  })

  it('keeps the documents it folded for its next run, and drops them when another ran', async () => {
    const { feed, store, readModels, append } = await projectorHarness()
    const loaded: number[] = []
    const counting: ReadModelStore = { ...store, loadDocs: (generation, keys) => {
      loaded.push(keys.length)
      return store.loadDocs(generation, keys)
    } }
    const handler = createProjectorHandler({ feed, store: counting, projections: [countByType] })
    const events = sampleEvents(40, 4)
    await append(events.slice(0, 20))
    await handler(scheduled)
    await append(events.slice(20, 30))

    await handler(scheduled) // the same three counts: nothing to load
    expect(loaded).toEqual([3])
    // Another worker moves the checkpoint: what this handler holds may be stale.
    await append(events.slice(30, 35))
    await runProjections({ feed, store, projections: [countByType] })
    await append(events.slice(35))
    await handler(scheduled)

    expect(loaded).toEqual([3, new Set(events.slice(35).map((event) => event.type)).size])
    expect(await wholeCollection(readModels, 'counts')).toEqual(expectedCounts(events))
  })
})
