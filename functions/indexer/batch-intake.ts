import type { EventEnvelope } from '../../domain/events/index.js'
import { errorMessage } from '../shared/error-message.js'
import type { ParsedRecord } from './stream-records.js'

/** One event stream's share of a batch. */
export interface StreamIntake {
  readonly streamId: string
  /** Ids of the stream's accepted records: they fail together if the stream cannot be indexed. */
  readonly recordIds: string[]
  /** The envelopes the records carried, by version. */
  readonly delivered: Map<number, EventEnvelope>
  /** The highest version the batch names: everything up to it gets indexed. */
  target: number
}

interface FailedRecord {
  readonly id: string
  readonly streamId: string | undefined
  readonly reason: string
}

interface Intake {
  readonly streams: Map<string, StreamIntake>
  /** Accepted records as they came, to interleave streams in commit order. */
  readonly arrivals: ReadonlyArray<{ readonly streamId: string; readonly version: number }>
  readonly failed: FailedRecord[]
}

/**
 * Groups a batch's records by event stream. A poisoned record fails, and so does every
 * later record of its stream in the batch (they would skip over it); other streams go on.
 *
 * @example takeIn(event.Records.map(parseRecord)).streams.get('edition-ces-2020')?.target
 */
export const takeIn = (records: readonly ParsedRecord[]): Intake => {
  const streams = new Map<string, StreamIntake>()
  const arrivals: Array<{ streamId: string; version: number }> = []
  const failed: FailedRecord[] = []
  const blocked = new Set<string>()

  for (const record of records) {
    if (record.kind === 'ignored') continue
    if (record.kind === 'poisoned') {
      if (record.streamId !== undefined) blocked.add(record.streamId)
      failed.push({ id: record.id, streamId: record.streamId, reason: errorMessage(record.error) })
      continue
    }
    const { streamId, version } = record.envelope
    if (blocked.has(streamId)) {
      failed.push({ id: record.id, streamId, reason: 'an earlier record of its stream failed' })
      continue
    }
    const intake = streams.get(streamId) ?? {
      streamId,
      recordIds: [],
      delivered: new Map<number, EventEnvelope>(),
      target: 0,
    }
    streams.set(streamId, intake)
    intake.recordIds.push(record.id)
    intake.delivered.set(version, record.envelope)
    intake.target = Math.max(intake.target, version)
    arrivals.push({ streamId, version })
  }
  return { streams, arrivals, failed }
}

/**
 * The order in which to hand out positions: each stream's events ascending (they must be
 * contiguous), streams interleaved as their records arrived so the Feed roughly follows
 * the time of recording.
 *
 * @example commitOrder(intake.arrivals, new Map([['s', [v1, v2]]])) // [v1, v2]
 */
export const commitOrder = (
  arrivals: Intake['arrivals'],
  pending: ReadonlyMap<string, readonly EventEnvelope[]>,
): EventEnvelope[] => {
  const order: EventEnvelope[] = []
  const next = new Map<string, number>()
  const takeUpTo = (streamId: string, version: number) => {
    const events = pending.get(streamId) ?? []
    let index = next.get(streamId) ?? 0
    while (index < events.length && (events[index]?.version ?? Infinity) <= version) {
      order.push(events[index] as EventEnvelope)
      index += 1
    }
    next.set(streamId, index)
  }
  for (const { streamId, version } of arrivals) takeUpTo(streamId, version)
  for (const streamId of pending.keys()) takeUpTo(streamId, Infinity)
  return order
}
