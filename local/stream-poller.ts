import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams'
import type { FilterPattern } from '../functions/shared/stream-source.js'
import { pause } from './pause.js'
import {
  messageOf,
  readShard,
  type PollerLogger,
  type ShardContext,
  type StartingPosition,
  type StreamHandler,
} from './shard-reader.js'

export type { PollerLogger, StartingPosition, StreamHandler } from './shard-reader.js'

export interface StreamPollerOptions {
  /** Configured with DynamoDB Local's endpoint. */
  readonly client: DynamoDBStreamsClient
  readonly tableName: string
  /** DescribeTable's LatestStreamArn. */
  readonly streamArn: string
  readonly handler: StreamHandler
  /** Most records per invocation (Lambda's default: 100). */
  readonly batchSize?: number
  /** Lambda event filters (local/event-filter.ts): only matching records invoke. */
  readonly filters?: readonly FilterPattern[]
  /** Wait between reads of an idle shard. */
  readonly intervalMs?: number
  readonly startingPosition?: StartingPosition
  /** First wait after the handler throws; doubles on each failure, up to 30 s. */
  readonly retryBackoffMs?: number
  /** The region records carry (DynamoDB Local says `ddblocal`); the client's by default. */
  readonly awsRegion?: string
  readonly logger?: PollerLogger
}

export interface StreamPoller {
  /** Stops reading; resolves once every invocation in flight has returned. */
  stop(): Promise<void>
}

const DISCOVER_EVERY_MS = 1_000

const listShards = async (
  client: DynamoDBStreamsClient,
  streamArn: string,
  signal: AbortSignal,
) => {
  const shards: Shard[] = []
  let start: string | undefined
  do {
    const input = { StreamArn: streamArn, ExclusiveStartShardId: start }
    const { StreamDescription } = await client.send(new DescribeStreamCommand(input), {
      abortSignal: signal,
    })
    shards.push(...(StreamDescription?.Shards ?? []))
    start = StreamDescription?.LastEvaluatedShardId
  } while (start)
  return shards
}

/**
 * Reads a DynamoDB Stream the way Lambda's event source mapping does (every shard,
 * parents before children, in order, event filters and batch size applied, partial batch
 * responses honoured) and invokes `handler` with real DynamoDBStreamEvents.
 *
 * @example const poller = startStreamPoller({ client, tableName, streamArn, handler })
 */
export const startStreamPoller = (options: StreamPollerOptions): StreamPoller => {
  const { client, streamArn, handler, startingPosition = 'TRIM_HORIZON' } = options
  const controller = new AbortController()
  const { signal } = controller
  const logger = options.logger ?? console
  const readers = new Map<string, Promise<void>>()
  const finished = new Set<string>()
  /** Aborted to wake discovery early: a shard has ended, or we stop. */
  let nap = new AbortController()
  let initial = true

  const discover = async (ctx: ShardContext) => {
    const shards = await listShards(client, streamArn, signal)
    const listed = new Set(shards.map((shard) => shard.ShardId))
    // Starting at LATEST skips what closed shards hold, as Lambda does.
    if (initial && startingPosition === 'LATEST') {
      for (const { ShardId: id, SequenceNumberRange: range } of shards) {
        if (id && range?.EndingSequenceNumber) finished.add(id)
      }
    }
    for (const { ShardId: id, ParentShardId: parent } of shards) {
      if (!id || readers.has(id) || finished.has(id)) continue
      if (parent && listed.has(parent) && !finished.has(parent)) continue
      const reader = readShard(ctx, id, initial ? startingPosition : 'TRIM_HORIZON')
      readers.set(id, reader.finally(() => {
        finished.add(id)
        nap.abort() // its children may start now
      }))
    }
    initial = false
  }

  const run = async () => {
    const awsRegion = options.awsRegion ?? (await client.config.region())
    const ctx: ShardContext = {
      client, streamArn, awsRegion, handler, logger, signal,
      batchSize: options.batchSize ?? 100,
      filters: options.filters ?? [],
      intervalMs: options.intervalMs ?? 250,
      retryBackoffMs: options.retryBackoffMs ?? 1_000,
      label: options.tableName,
    }
    while (!signal.aborted) {
      nap = new AbortController()
      try {
        await discover(ctx)
      } catch (error: unknown) {
        if (signal.aborted) break
        logger.error(`[${ctx.label}] DescribeStream failed: ${messageOf(error)}`)
      }
      await pause(DISCOVER_EVERY_MS, nap.signal)
    }
  }

  const running = run().catch((error: unknown) =>
    logger.error(`[${options.tableName}] stream poller stopped: ${messageOf(error)}`))
  return {
    async stop() {
      controller.abort()
      nap.abort()
      await running
      await Promise.all(readers.values())
    },
  }
}
