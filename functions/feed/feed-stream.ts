import type { FilterPattern, StreamSource } from '../shared/stream-source.js'
import { tables } from '../shared/tables.js'
import { pagePrefix } from './feed-layout.js'

/**
 * Only the Feed's event items (`pk = page#<n>`, feed-layout.ts) pass, not the indexer's
 * bookkeeping (the head and the per-stream cursors), which it updates with every batch.
 */
export const feedEventsOnly: FilterPattern = {
  dynamodb: { Keys: { [tables.feed.partitionKey.name]: { S: [{ prefix: pagePrefix }] } } },
}

/**
 * How the Feed's stream wakes its consumers, the projector and the dispatcher: a record
 * is a wake-up to catch up from their own checkpoint (the one-minute schedule is the
 * backstop), so a batch's size bounds only how often they wake.
 *
 * @example new StreamConsumer(this, 'Projector', { …, source: feed, stream: feedWakeUps })
 */
export const feedWakeUps: StreamSource = {
  table: 'feed',
  startingPosition: 'TRIM_HORIZON',
  batchSize: 100,
  maxBatchingWindowSeconds: 1,
  parallelizationFactor: 1,
  retryAttempts: 5,
  maxRecordAgeSeconds: 3600,
  filters: [feedEventsOnly],
}
