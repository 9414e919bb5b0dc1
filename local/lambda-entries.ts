import { feedWakeUps } from '../functions/feed/feed-stream.js'
import { indexerStream } from '../functions/indexer/stream-source.js'
import type { StreamSource } from '../functions/shared/stream-source.js'

/** A Lambda fed by a table's DynamoDB Stream (an event source mapping in AWS). */
export interface StreamConsumer {
  /** The table, batch size, starting position and filters: the objects CDK deploys. */
  readonly stream: StreamSource
  /** Relative to this folder, as an import specifier. */
  readonly module: string
  readonly export: string
}

/** A Lambda run on an EventBridge schedule in AWS. */
export interface ScheduledJob {
  readonly name: string
  readonly everyMs: number
  readonly module: string
  readonly export: string
}

/** What `npm start` wires to the tables' streams: one line per consumer. */
export const consumers: readonly StreamConsumer[] = [
  { stream: indexerStream, module: '../functions/indexer/lambda.js', export: 'handler' },
  { stream: feedWakeUps, module: '../functions/projector/lambda.js', export: 'handler' },
  { stream: feedWakeUps, module: '../functions/webhooks/dispatch/lambda.js', export: 'handler' },
]

/** What `npm start` runs on a timer: one line per job. */
export const schedules: readonly ScheduledJob[] = [
  { name: 'projector-catch-up', everyMs: 60_000, module: '../functions/projector/lambda.js', export: 'handler' },
  { name: 'dispatcher-catch-up', everyMs: 60_000, module: '../functions/webhooks/dispatch/lambda.js', export: 'handler' },
  // AWS runs it every minute (its only wake-up: the Feed's stream has its two readers);
  // locally every 5 s, so a message arrives while you watch.
  { name: 'notifier-catch-up', everyMs: 5_000, module: '../functions/notifier/lambda.js', export: 'handler' },
  // AWS runs it every minute; locally every 5 s, so a webhook arrives while you watch.
  { name: 'deliverer', everyMs: 5_000, module: '../functions/webhooks/delivery/lambda.js', export: 'handler' },
  // AWS runs it daily; locally hourly (PERSONAL_DATA_RETENTION_DAYS sets the period).
  { name: 'personal-data-retention', everyMs: 3_600_000, module: '../functions/retention/lambda.js', export: 'handler' },
]

/**
 * Imports a Lambda entry module (after process.env is set: it reads it at cold start,
 * as in AWS) and returns the named handler.
 *
 * @example const handler = await loadHandler<DynamoDBStreamEvent, void>(module, 'handler')
 */
export const loadHandler = async <E, R>(
  module: string,
  name: string,
): Promise<(event: E) => Promise<R>> => {
  const exports = (await import(new URL(module, import.meta.url).href)) as Record<string, unknown>
  const handler = exports[name]
  if (typeof handler !== 'function') throw new Error(`${module} exports no function ${name}`)
  // A Lambda handler: the event in, its result (or a promise of it) out.
  const invoke = handler as (event: E) => R | Promise<R>
  return async (event) => invoke(event)
}
