import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams'
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda'
import type { FilterPattern } from '../functions/shared/stream-source.js'
import { matchesFilters } from './event-filter.js'
import { pause } from './pause.js'
import { toLambdaRecord } from './stream-record.js'

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>
export type StartingPosition = 'TRIM_HORIZON' | 'LATEST'

export interface PollerLogger {
  error(message: string): void
}

/** What every shard of one poller shares. */
export interface ShardContext {
  readonly client: DynamoDBStreamsClient
  readonly streamArn: string
  readonly awsRegion: string
  readonly handler: StreamHandler
  readonly batchSize: number
  /** Event filters: records matching none never reach the handler (none: all do). */
  readonly filters: readonly FilterPattern[]
  readonly intervalMs: number
  readonly retryBackoffMs: number
  readonly logger: PollerLogger
  readonly label: string
  readonly signal: AbortSignal
}

interface ShardState {
  readonly shardId: string
  start: StartingPosition
  iterator?: string | undefined
  /** The last sequence number read, to resume after an expired iterator. */
  after?: string | undefined
  ended: boolean
  /** Read but not yet acknowledged by the handler, oldest first. */
  buffer: DynamoDBRecord[]
  failures: number
}

const MAX_BACKOFF_MS = 30_000

/** One line, whatever was thrown. */
export const messageOf = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s+/g, ' ')

const shardIterator = async (ctx: ShardContext, state: ShardState) => {
  const position = state.after
    ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: state.after }
    : { ShardIteratorType: state.start }
  const command = new GetShardIteratorCommand({
    StreamArn: ctx.streamArn, ShardId: state.shardId, ...position,
  })
  const output = await ctx.client.send(command, { abortSignal: ctx.signal })
  return output.ShardIterator
}

const fetchRecords = async (ctx: ShardContext, state: ShardState) => {
  try {
    state.iterator ??= await shardIterator(ctx, state)
    // A whole page (GetRecords' most), filtered, then handed over batchSize at a time: as
    // Lambda's batches hold up to batchSize records that passed its filters.
    const command = new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1_000 })
    const output = await ctx.client.send(command, { abortSignal: ctx.signal })
    const records = (output.Records ?? []).map((record) =>
      toLambdaRecord(record, ctx.streamArn, ctx.awsRegion))
    // As Lambda's event filtering: a record that matches no filter is passed over, never handed on.
    state.buffer.push(...records.filter((record) => matchesFilters(ctx.filters, record)))
    state.after = records.at(-1)?.dynamodb?.SequenceNumber ?? state.after
    state.iterator = output.NextShardIterator
    // A closed shard's last page has no next iterator.
    state.ended = !output.NextShardIterator
  } catch (error: unknown) {
    if (error instanceof ExpiredIteratorException) return void (state.iterator = undefined)
    if (!(error instanceof TrimmedDataAccessException)) throw error
    // DynamoDB Local also says so to an iterator taken while the shard was empty: quietly
    // start over. After records were read, it means records expired unread.
    const where = `[${ctx.label} ${state.shardId}]`
    if (state.after) ctx.logger.error(`${where} records expired unread: resuming at the oldest`)
    Object.assign(state, { iterator: undefined, after: undefined, start: 'TRIM_HORIZON' })
  }
}

/** Index of the first record to re-deliver, or undefined when the whole batch succeeded. */
const deliver = async (ctx: ShardContext, state: ShardState, batch: DynamoDBRecord[]) => {
  const where = `[${ctx.label} ${state.shardId}]`
  try {
    const failures = (await ctx.handler({ Records: batch }))?.batchItemFailures ?? []
    if (failures.length === 0) return undefined
    const indexes = failures.map((failure) =>
      batch.findIndex((record) => record.dynamodb?.SequenceNumber === failure.itemIdentifier))
    // As Lambda does, an identifier that names no record of the batch fails it all.
    const from = indexes.includes(-1) ? 0 : Math.min(...indexes)
    const sequence = batch[from]?.dynamodb?.SequenceNumber
    ctx.logger.error(`${where} ${failures.length} record(s) failed: retrying from ${sequence}`)
    return { from, threw: false }
  } catch (error: unknown) {
    ctx.logger.error(`${where} handler failed on ${batch.length} record(s): ${messageOf(error)}`)
    return { from: 0, threw: true }
  }
}

/** One poll: read if nothing is pending, then hand the oldest batch over. Returns the wait. */
const step = async (ctx: ShardContext, state: ShardState): Promise<number | 'done'> => {
  if (state.buffer.length === 0) {
    if (state.ended) return 'done'
    await fetchRecords(ctx, state)
    if (state.buffer.length === 0) return state.ended ? 'done' : ctx.intervalMs
  }
  const batch = state.buffer.slice(0, ctx.batchSize)
  const retry = await deliver(ctx, state, batch)
  if (!retry) {
    state.buffer.splice(0, batch.length)
    state.failures = 0
    return 0
  }
  state.buffer.splice(0, retry.from)
  state.failures += 1
  const base = retry.threw ? ctx.retryBackoffMs : ctx.intervalMs
  return Math.min(MAX_BACKOFF_MS, base * 2 ** (state.failures - 1))
}

/**
 * Reads one shard to its end (or until stopped), one batch at a time, in order, and
 * re-delivers from the first failed record as Lambda's event source mapping does.
 *
 * @example await readShard(ctx, 'shardId-0001', 'TRIM_HORIZON')
 */
export const readShard = async (
  ctx: ShardContext,
  shardId: string,
  start: StartingPosition,
): Promise<void> => {
  const state: ShardState = { shardId, start, ended: false, buffer: [], failures: 0 }
  while (!ctx.signal.aborted) {
    try {
      const wait = await step(ctx, state)
      if (wait === 'done') return
      await pause(wait, ctx.signal)
    } catch (error: unknown) {
      if (ctx.signal.aborted) return
      ctx.logger.error(`[${ctx.label} ${shardId}] reading the stream failed: ${messageOf(error)}`)
      await pause(ctx.retryBackoffMs, ctx.signal)
    }
  }
}
