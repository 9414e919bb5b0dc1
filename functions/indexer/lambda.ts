import { Logger } from '@aws-lambda-powertools/logger'
import { z } from 'zod'
import { createDocumentClient } from '../shared/dynamo-client.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { createIndexer } from './indexer.js'

// Parsed once per cold start, as the tables' names and the endpoint never change.
const tables = tableNamesFromEnv(process.env, ['events', 'feed'])
const { DYNAMODB_ENDPOINT } = z
  .object({ DYNAMODB_ENDPOINT: z.url().optional() })
  .parse(process.env)
const logger = new Logger({ serviceName: 'delegation-sud-indexer' })
const doc = createDocumentClient({ endpoint: DYNAMODB_ENDPOINT })

/**
 * The indexer Lambda, fed by the Events table's stream (NEW_IMAGE, partial batch
 * responses on): gives every event its Feed position. See indexer.ts.
 *
 * @example handler({ Records: [insertRecord] }) // → { batchItemFailures: [] }
 */
export const handler = createIndexer({ doc, tables, logger })
