import { Logger } from '@aws-lambda-powertools/logger'
import { z } from 'zod'
import { projections } from '../../domain/projections/index.js'
import { createDynamoFeed } from '../feed/dynamo-feed.js'
import { createDocumentClient } from '../shared/dynamo-client.js'
import { createMetrics, withMetrics } from '../shared/metrics.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { traced } from '../shared/tracer.js'
import { createProjectorHandler } from './handler.js'
import { measuringLag } from './projection-lag.js'
import { createReadModelStore } from './read-model-store.js'

// Parsed once per cold start, as the tables' names and the endpoint never change.
const tables = tableNamesFromEnv(process.env, ['feed', 'readModels'])
const { DYNAMODB_ENDPOINT } = z
  .object({ DYNAMODB_ENDPOINT: z.url().optional() })
  .parse(process.env)
const logger = new Logger({ serviceName: 'delegation-sud-projector' })
const doc = createDocumentClient({ endpoint: DYNAMODB_ENDPOINT })
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
