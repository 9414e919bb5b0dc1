import { projections } from '../../domain/projections/index.js'
import { createDynamoFeed } from '../feed/dynamo-feed.js'
import { documentClientFromEnv } from '../shared/dynamo-client.js'
import { createLogger } from '../shared/logger.js'
import { createMetrics, withMetrics } from '../shared/metrics.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { traced } from '../shared/tracer.js'
import { createProjectorHandler } from './handler.js'
import { measuringLag } from './projection-lag.js'
import { createReadModelStore } from './read-model-store.js'

// Parsed once per cold start, as the tables' names and the endpoint never change.
const tables = tableNamesFromEnv(process.env, ['feed', 'readModels'])
const logger = createLogger('projector')
const doc = documentClientFromEnv(process.env)
const metrics = createMetrics(process.env)
const project = createProjectorHandler({
  feed: createDynamoFeed({ doc, table: tables.feed }),
  store: createReadModelStore({ doc, table: tables.readModels }),
  projections,
  logger,
})

/**
 * The projector Lambda: woken by the Feed table's stream and by a schedule, it folds the
 * Feed into the read models of the current generation (see handler.ts), and reports the
 * projection lag (projection-lag.ts).
 *
 * @example handler({ Records: [] }) // catches up, → { batchItemFailures: [] }
 */
export const handler = traced(
  'projector',
  withMetrics(
    metrics,
    measuringLag(metrics, () => new Date(), project),
  ),
)
