import type { ScheduledEvent } from 'aws-lambda'
import { documentClientFromEnv } from '../../shared/dynamo-client.js'
import { createLogger } from '../../shared/logger.js'
import { tableNamesFromEnv } from '../../shared/table-names.js'
import { createWebhookStores } from '../services.js'
import type { DeliverySummary } from './deliverer.js'
import { delivererFromEnv } from './deliverer-from-env.js'

// Module scope: parsed and connected once per container.
const tables = tableNamesFromEnv(process.env, ['partners'])
const doc = documentClientFromEnv(process.env)
const logger = createLogger('deliverer')
const stores = createWebhookStores({ doc, table: tables.partners })
const deliverer = delivererFromEnv(process.env, stores, logger)

/**
 * Every minute (EventBridge): posts the due deliveries (retries above all: first
 * attempts mostly leave from the dispatcher) as signed webhooks.
 *
 * @example await handler(scheduledEvent) // → { delivered: 3, failed: 0, dead: 0, disabled: 0 }
 */
export const handler = async (_event: ScheduledEvent): Promise<DeliverySummary> => deliverer.run()
