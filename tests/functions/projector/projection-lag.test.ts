import { describe, expect, it } from 'vitest'
import { measuringLag } from '../../../functions/projector/projection-lag.js'
import type { Metrics } from '../../../functions/shared/metrics.js'
import { insertRecord, streamEvent } from '../indexer/stream-events.js'
import { pageKey } from '../../../functions/feed/feed-layout.js'

const now = new Date('2026-12-01T10:00:05.000Z')

/** Prepare: a handler answering `response`, measured into recorded metrics. */
const measured = (response: unknown) => {
  const added: Array<[string, number | undefined]> = []
  const metrics: Metrics = {
    add: (metric, value) => void added.push([metric, value]),
    flush: () => {},
  }
  const handler = measuringLag(
    metrics,
    () => now,
    async (_event: unknown) => response,
  )
  return { handler, added }
}

const feedRecord = (position: number, recordedAt?: string) =>
  insertRecord({ pk: pageKey(0), sk: position, position, ...(recordedAt ? { recordedAt } : {}) })

describe('the projection lag', () => {
  it('runs from the newest recording that woke the projector to the end of its run', async () => {
    const { handler, added } = measured({ batchItemFailures: [] })
    const wakeUp = streamEvent([
      feedRecord(7, '2026-12-01T10:00:03.500Z'),
      feedRecord(8, '2026-12-01T10:00:04.250Z'),
      feedRecord(6, '2026-12-01T10:00:01.000Z'),
    ])
    expect(await handler(wakeUp)).toEqual({ batchItemFailures: [] })
    expect(added).toEqual([['projectionLag', 750]])
  })

  it('is not reported by a run that handed records back, nor by a scheduled run', async () => {
    const failing = measured({ batchItemFailures: [{ itemIdentifier: '1' }] })
    await failing.handler(streamEvent([feedRecord(1, '2026-12-01T10:00:00.000Z')]))
    const scheduled = measured({ caughtUp: true })
    await scheduled.handler({ source: 'aws.events' })
    const unrecorded = measured({ batchItemFailures: [] })
    await unrecorded.handler(streamEvent([feedRecord(2)]))
    expect([failing.added, scheduled.added, unrecorded.added]).toEqual([[], [], []])
  })
})
