import { Logger } from '@aws-lambda-powertools/logger'
import { z } from 'zod'
import { createDynamoFeed } from '../feed/dynamo-feed.js'
import { delivererFromEnv } from '../partners/deliverer-from-env.js'
import { createDispatcher } from '../partners/dispatcher.js'
import { createPartnerStores } from '../partners/partner-services.js'
import { createDocumentClient } from '../shared/dynamo-client.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { dispatcherHandler } from './handler.js'

// Module scope: parsed and connected once per container.
const tables = tableNamesFromEnv(process.env, ['feed', 'partners'])
const { DYNAMODB_ENDPOINT } = z.object({ DYNAMODB_ENDPOINT: z.url().optional() }).parse(process.env)
const doc = createDocumentClient({ endpoint: DYNAMODB_ENDPOINT })
const logger = new Logger({ serviceName: 'delegation-sud-dispatcher' })
const stores = createPartnerStores({ doc, table: tables.partners })

// A short pass: the dispatcher is a stream consumer and must not wait on slow partners.
const deliverer = delivererFromEnv(process.env, stores, logger, { budgetMs: 10_000 })

/**
 * Feed stream (wake-up) and a one-minute schedule (backstop) → deliveries recorded,
 * then posted at once.
 *
 * @example handler({ Records: [feedRecord] }) // → { batchItemFailures: [] }
 */
export const handler = dispatcherHandler(
  createDispatcher({
    feed: createDynamoFeed({ doc, table: tables.feed }),
    ...stores,
    clock: () => new Date(),
    logger,
  }),
  logger,
  () => deliverer.run(),
)
