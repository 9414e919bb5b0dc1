import { Logger } from '@aws-lambda-powertools/logger'
import type { ScheduledEvent } from 'aws-lambda'
import { delivererEnvSchema, targetPolicyFromEnv } from '../partners/config.js'
import { createDeliverer, type DeliverySummary } from '../partners/deliverer.js'
import { createWebhookSender } from '../partners/http-sender.js'
import { createPartnerStores } from '../partners/partner-services.js'
import { createDocumentClient } from '../shared/dynamo-client.js'
import { tableNamesFromEnv } from '../shared/table-names.js'

// Module scope: parsed and connected once per container.
const tables = tableNamesFromEnv(process.env, ['partners'])
const env = delivererEnvSchema.parse(process.env)
const policy = targetPolicyFromEnv(process.env)
const doc = createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT })
const logger = new Logger({ serviceName: 'delegation-sud-deliverer' })
const { subscriptions, deliveries } = createPartnerStores({ doc, table: tables.partners })
const deliverer = createDeliverer({
  subscriptions,
  deliveries,
  send: createWebhookSender({ policy, timeoutMs: env.WEBHOOK_TIMEOUT_MS }),
  clock: () => new Date(),
  random: Math.random,
  logger,
})

/**
 * Every minute (EventBridge): posts the due deliveries as signed webhooks.
 *
 * @example await handler(scheduledEvent) // → { delivered: 3, failed: 0, dead: 0, disabled: 0 }
 */
export const handler = async (_event: ScheduledEvent): Promise<DeliverySummary> => deliverer.run()
