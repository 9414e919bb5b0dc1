import { createDynamoFeed } from '../../feed/dynamo-feed.js'
import { createApiKeyStore } from '../../partner-access/api-key-store.js'
import { documentClientFromEnv } from '../../shared/dynamo-client.js'
import { createLogger } from '../../shared/logger.js'
import { createMetrics, withMetrics } from '../../shared/metrics.js'
import { tableNamesFromEnv } from '../../shared/table-names.js'
import { traced } from '../../shared/tracer.js'
import { delivererFromEnv } from '../delivery/deliverer-from-env.js'
import { countDeliveries } from '../delivery/delivery-metrics.js'
import { createWebhookStores } from '../services.js'
import { createDispatcher } from './dispatcher.js'
import { dispatcherHandler } from './handler.js'

// Module scope: parsed and connected once per container.
const tables = tableNamesFromEnv(process.env, ['feed', 'partners'])
const doc = documentClientFromEnv(process.env)
const logger = createLogger('dispatcher')
const metrics = createMetrics(process.env)
const stores = createWebhookStores({ doc, table: tables.partners })

// A short pass: the dispatcher is a stream consumer and must not wait on slow partners.
const apiKeys = createApiKeyStore({ doc, table: tables.partners })
const deliverer = delivererFromEnv(process.env, { ...stores, apiKeys }, logger, { budgetMs: 10_000 })
const deliverNow = async () => countDeliveries(metrics, await deliverer.run())
const dispatcher = createDispatcher({
  feed: createDynamoFeed({ doc, table: tables.feed }),
  ...stores,
  clock: () => new Date(),
  logger,
})

/**
 * Feed stream (wake-up) and a one-minute schedule (backstop) → deliveries recorded,
 * then posted at once.
 *
 * @example handler({ Records: [feedRecord] }) // → { batchItemFailures: [] }
 */
export const handler = traced(
  'dispatcher',
  withMetrics(metrics, dispatcherHandler(dispatcher, logger, deliverNow)),
)
