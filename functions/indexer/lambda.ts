import { documentClientFromEnv } from '../shared/dynamo-client.js'
import { createLogger } from '../shared/logger.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { traced } from '../shared/tracer.js'
import { createIndexer } from './indexer.js'

// Parsed once per cold start, as the tables' names and the endpoint never change.
const tables = tableNamesFromEnv(process.env, ['events', 'feed'])
const doc = documentClientFromEnv(process.env)
const logger = createLogger('indexer')

/**
 * The indexer Lambda, fed by the Events table's stream (NEW_IMAGE, partial batch
 * responses on): gives every event its Feed position. See indexer.ts.
 *
 * @example handler({ Records: [insertRecord] }) // → { batchItemFailures: [] }
 */
export const handler = traced('indexer', createIndexer({ doc, tables, logger }))
