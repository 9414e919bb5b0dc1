import { projections } from '../../domain/projections/index.js'
import { createDynamoFeed } from '../feed/dynamo-feed.js'
import { createReadModelStore } from '../projector/read-model-store.js'
import { documentClientFromEnv } from '../shared/dynamo-client.js'
import { createLogger } from '../shared/logger.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { traced } from '../shared/tracer.js'
import { rebuild, type RebuildResult } from './rebuild.js'

// Parsed once per cold start, as the tables' names and the endpoint never change.
const tables = tableNamesFromEnv(process.env, ['feed', 'readModels'])
const logger = createLogger('rebuild')
const doc = documentClientFromEnv(process.env)
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
