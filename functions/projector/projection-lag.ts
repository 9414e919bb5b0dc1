import type { DynamoDBStreamEvent } from 'aws-lambda'
import type { Metrics } from '../shared/metrics.js'

const isStreamEvent = (event: unknown): event is DynamoDBStreamEvent =>
  Array.isArray((event as Partial<DynamoDBStreamEvent> | undefined)?.Records)

const failed = (response: unknown) =>
  ((response as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures?.length ?? 0) > 0

/**
 * Projection lag, measured by the projector's Lambda: from the recording of the newest event
 * whose Feed item woke it (a stream record's NEW_IMAGE carries `recordedAt`) to the end of
 * the run that folded it, which is what a reader waits between a command and a report that
 * shows it. A run that handed records back reports none (the errors say why), nor does a
 * scheduled run, which no recorded event woke.
 *
 * @example export const handler = measuringLag(metrics, () => new Date(), createProjectorHandler(…))
 */
export const measuringLag =
  <A extends unknown[], R>(
    metrics: Metrics,
    clock: () => Date,
    handler: (...args: A) => Promise<R>,
  ) =>
  async (...args: A): Promise<R> => {
    const response = await handler(...args)
    const [event] = args
    if (!isStreamEvent(event) || failed(response)) return response
    const recorded = event.Records.map((record) =>
      Date.parse(record.dynamodb?.NewImage?.recordedAt?.S ?? ''),
    )
    const newest = Math.max(...recorded.filter((at) => !Number.isNaN(at)))
    if (Number.isFinite(newest))
      metrics.add('projectionLag', Math.max(0, clock().getTime() - newest))
    return response
  }
