import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda'

/**
 * Whether a Lambda event is a stream batch (the Feed's stream waking a consumer) rather
 * than a scheduled tick or another service's event.
 */
export const isStreamEvent = (event: unknown): event is DynamoDBStreamEvent =>
  typeof event === 'object' &&
  event !== null &&
  Array.isArray((event as { Records?: unknown }).Records)

/**
 * A Feed consumer's answer when its catch-up failed on a wake-up: the whole batch, so
 * Lambda hands it over again (the records themselves were never read, only the Feed).
 *
 * @example return failedBatch(event)
 */
export const failedBatch = (event: DynamoDBStreamEvent): DynamoDBBatchResponse => ({
  batchItemFailures: event.Records.map((r) => ({
    itemIdentifier: r.dynamodb?.SequenceNumber ?? r.eventID ?? '',
  })),
})
