import { Logger } from '@aws-lambda-powertools/logger'
import type { ScheduledEvent } from 'aws-lambda'
import { delivererEnvSchema } from '../partners/config.js'
import type { DeliverySummary } from '../partners/deliverer.js'
import { delivererFromEnv } from '../partners/deliverer-from-env.js'
import { createPartnerStores } from '../partners/partner-services.js'
import { createDocumentClient } from '../shared/dynamo-client.js'
import { tableNamesFromEnv } from '../shared/table-names.js'

// Module scope: parsed and connected once per container.
const tables = tableNamesFromEnv(process.env, ['partners'])
const env = delivererEnvSchema.parse(process.env)
const doc = createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT })
const logger = new Logger({ serviceName: 'delegation-sud-deliverer' })
const deliverer = delivererFromEnv(process.env, createPartnerStores({ doc, table: tables.partners }), logger)

/**
 * Every minute (EventBridge): posts the due deliveries (retries above all: first
 * attempts mostly leave from the dispatcher) as signed webhooks.
 *
 * @example await handler(scheduledEvent) // → { delivered: 3, failed: 0, dead: 0, disabled: 0 }
 */
export const handler = async (_event: ScheduledEvent): Promise<DeliverySummary> => deliverer.run()
