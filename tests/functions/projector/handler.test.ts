import type { ScheduledEvent } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import {
  createProjectorHandler,
  ProjectionsFailedError,
} from '../../../functions/projector/handler.js'
import { sampleEvents } from '../feed/feed-fixtures.js'
import { projectorHarness, wholeCollection, expectedCounts } from './harness.js'
import { countByType } from './test-projections.js'

const scheduled = { 'detail-type': 'Scheduled Event', source: 'aws.events' } as ScheduledEvent

/** A Feed stream record: only its sequence number matters, its content is ignored. */
const wakeUp = (sequence: string) => ({
  eventName: 'INSERT' as const,
  dynamodb: { SequenceNumber: sequence, Keys: { pk: { S: 'page#0' }, sk: { N: '1' } } },
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
})
