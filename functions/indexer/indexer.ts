import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda'
import type { EventEnvelope } from '../../domain/events/index.js'
import { backoff } from '../shared/backoff.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { lostRace } from '../shared/dynamo-errors.js'
import { errorMessage } from '../shared/error-message.js'
import { asFunction } from '../shared/function-scope.js'
import { silentLogger, type Logger } from '../shared/logger.js'
import { maxItemBytes } from '../store/limits.js'
import { commitOrder, takeIn, type StreamIntake } from './batch-intake.js'
import {
  feedItemBytes,
  indexTransaction,
  nextChunk,
  type IndexerState,
} from './index-transaction.js'
import { readIndexerState, readVersions } from './indexer-io.js'
import { parseRecord, recordIdOf } from './stream-records.js'

interface IndexerOptions {
  readonly doc: DocumentClient
  readonly tables: { readonly events: string; readonly feed: string }
  readonly logger?: Logger
  /** Refused transactions in a row before the batch's remaining streams are given up. */
  readonly maxConflicts?: number
}

export type IndexerHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>

/** An event whose Feed item would exceed DynamoDB's 400 KB: its stream cannot go on. */
class FeedItemTooLargeError extends Error {
  override readonly name = 'FeedItemTooLargeError'
  constructor(readonly streamId: string, readonly version: number) {
    super(`Event ${streamId}@${version} does not fit in a Feed item`)
  }
}

/**
 * The Events stream's consumer: gives every event a global position in the Feed
 * (gapless, totally ordered, never reused), idempotently. A record is a wake-up: the
 * stream's missing versions are read from the Events table. Positions are handed out by
 * transactions conditioned on the head and the streams' cursors, so racing invocations
 * can never hand out a position twice; the loser re-reads and retries.
 *
 * Poisoned records fail alone (with their stream's later records), reported in
 * `batchItemFailures`; everything else in the batch is indexed.
 *
 * @example export const handler = createIndexer({ doc, tables: { events, feed }, logger })
 */
export const createIndexer = (options: IndexerOptions): IndexerHandler => {
  const { doc, tables, logger = silentLogger, maxConflicts = 16 } = options

  /** Each stream's events after its cursor up to its target, or an error for the stream. */
  const pendingOf = async (intake: StreamIntake, cursor: number): Promise<EventEnvelope[]> => {
    const { streamId, target, delivered } = intake
    if (target <= cursor) return [] // already indexed: a redelivery
    const wanted = Array.from({ length: target - cursor }, (_, i) => cursor + 1 + i)
    const all = wanted.every((version) => delivered.has(version))
    const events = all
      ? wanted.map((version) => delivered.get(version) as EventEnvelope)
      : await readVersions(doc, tables.events, streamId, cursor + 1, target)
    if (!all) logger.info('read missing versions', { streamId, from: cursor + 1, to: target })
    const tooLarge = events.find((event) => feedItemBytes(event) > maxItemBytes)
    if (tooLarge) throw new FeedItemTooLargeError(streamId, tooLarge.version)
    return events
  }

  /** Commits `order` chunk by chunk; returns the streams it could not finish. */
  const commitAll = async (order: EventEnvelope[], initial: IndexerState): Promise<Set<string>> => {
    let state = initial
    let remaining = order
    for (let conflicts = 0; ; ) {
      remaining = remaining.filter((e) => e.version > (state.cursors.get(e.streamId) ?? 0))
      if (remaining.length === 0) return new Set()
      const streamsLeft = [...new Set(remaining.map((event) => event.streamId))]
      const { items, state: next } = indexTransaction(
        tables.feed, nextChunk(remaining, feedItemBytes), state)
      try {
        await doc.send(new TransactWriteCommand({ TransactItems: items }))
        state = next
        conflicts = 0
      } catch (error: unknown) {
        conflicts += 1
        // Lost a race: another invocation moved the head or a cursor first. Re-read, retry.
        if (!lostRace(error) || conflicts > maxConflicts) {
          logger.error('indexing failed', { error: errorMessage(error), streams: streamsLeft })
          return new Set(streamsLeft)
        }
        logger.info('head or cursor moved meanwhile: retrying', { attempt: conflicts })
        await backoff(conflicts)
        state = await readIndexerState(doc, tables.feed, streamsLeft)
      }
    }
  }

  return asFunction('indexer', async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const intake = takeIn(event.Records.map(parseRecord))
    for (const failed of intake.failed) logger.error('record not indexed', { ...failed })
    const failedStreams = new Set<string>()
    const streamIds = [...intake.streams.keys()]
    if (streamIds.length > 0) {
      const state = await readIndexerState(doc, tables.feed, streamIds)
      const pending = new Map<string, EventEnvelope[]>()
      await Promise.all(
        [...intake.streams.values()].map(async (stream) => {
          const { streamId } = stream
          try {
            pending.set(streamId, await pendingOf(stream, state.cursors.get(streamId) ?? 0))
          } catch (error: unknown) {
            logger.error('stream not indexed', { streamId, error: errorMessage(error) })
            failedStreams.add(streamId)
          }
        }),
      )
      const order = commitOrder(intake.arrivals, pending)
      for (const streamId of await commitAll(order, state)) failedStreams.add(streamId)
      if (order.length > 0) logger.info('indexed', { events: order.length, streams: pending.size })
    }
    const failing = new Set(intake.failed.map((record) => record.id))
    for (const streamId of failedStreams) {
      for (const id of intake.streams.get(streamId)?.recordIds ?? []) failing.add(id)
    }
    const batchItemFailures = event.Records.map(recordIdOf)
      .filter((id) => failing.has(id))
      .map((itemIdentifier) => ({ itemIdentifier }))
    return { batchItemFailures }
  })
}
