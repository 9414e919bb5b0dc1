import type { StreamSource } from '../shared/stream-source.js'

/**
 * The Events stream feeds the indexer and nothing else: every record (events only live
 * there), one batch per shard at a time so a stream's versions arrive in order, and more
 * retries than the Feed's consumers since every reader waits on it.
 *
 * @example new StreamConsumer(this, 'Indexer', { …, source: events, stream: indexerStream })
 */
export const indexerStream: StreamSource = {
  table: 'events',
  startingPosition: 'TRIM_HORIZON',
  batchSize: 100,
  maxBatchingWindowSeconds: 1,
  parallelizationFactor: 1,
  retryAttempts: 10,
  maxRecordAgeSeconds: 3600,
  filters: [],
}
