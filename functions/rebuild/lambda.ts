import { Logger } from '@aws-lambda-powertools/logger'
import { z } from 'zod'
import { projections } from '../../domain/projections/index.js'
import { createDynamoFeed } from '../feed/dynamo-feed.js'
import { createReadModelStore } from '../projector/read-model-store.js'
import { createDocumentClient } from '../shared/dynamo-client.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { traced } from '../shared/tracer.js'
import { rebuild, type RebuildResult } from './rebuild.js'

// Parsed once per cold start, as the tables' names and the endpoint never change.
const tables = tableNamesFromEnv(process.env, ['feed', 'readModels'])
const { DYNAMODB_ENDPOINT } = z
  .object({ DYNAMODB_ENDPOINT: z.url().optional() })
  .parse(process.env)
const logger = new Logger({ serviceName: 'delegation-sud-rebuild' })
const doc = createDocumentClient({ endpoint: DYNAMODB_ENDPOINT })
const feed = createDynamoFeed({ doc, table: tables.feed })
const store = createReadModelStore({ doc, table: tables.readModels })

/**
 * The rebuild Lambda, invoked on demand: replays the Feed into a fresh read-model
 * generation and switches readers to it. See rebuild.ts.
 *
 * @example aws lambda invoke --function-name <Rebuild> out.json // { generation, … }
 */
export const handler = traced('rebuild', (): Promise<RebuildResult> =>
  rebuild({ feed, store, projections, logger }),
)
