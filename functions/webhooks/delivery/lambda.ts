import type { ScheduledEvent } from 'aws-lambda'
import { createApiKeyStore } from '../../partner-access/api-key-store.js'
import { documentClientFromEnv } from '../../shared/dynamo-client.js'
import { createLogger } from '../../shared/logger.js'
import { createMetrics, withMetrics } from '../../shared/metrics.js'
import { tableNamesFromEnv } from '../../shared/table-names.js'
import { traced } from '../../shared/tracer.js'
import { createWebhookStores } from '../services.js'
import type { DeliverySummary } from './deliverer.js'
import { delivererFromEnv } from './deliverer-from-env.js'
import { countDeliveries } from './delivery-metrics.js'

// Module scope: parsed and connected once per container.
const tables = tableNamesFromEnv(process.env, ['partners'])
const doc = documentClientFromEnv(process.env)
const logger = createLogger('deliverer')
const metrics = createMetrics(process.env)
const stores = createWebhookStores({ doc, table: tables.partners })
const apiKeys = createApiKeyStore({ doc, table: tables.partners })
const deliverer = delivererFromEnv(process.env, { ...stores, apiKeys }, logger)

/**
 * Every minute (EventBridge): posts the due deliveries (retries above all: first
 * attempts mostly leave from the dispatcher) as signed webhooks; counts failures and dead letters.
 *
 * @example await handler(scheduledEvent) // → { delivered: 3, failed: 0, dead: 0, disabled: 0, paused: 0 }
 */
export const handler = traced(
  'deliverer',
  withMetrics(metrics, async (_event: ScheduledEvent): Promise<DeliverySummary> => {
    const summary = await deliverer.run()
    countDeliveries(metrics, summary)
    return summary
  }),
)
