import { delivererEnvSchema, targetPolicyFromEnv } from './config.js'
import { createDeliverer } from './deliverer.js'
import { createWebhookSender } from './http-sender.js'
import type { PartnersLogger } from './logger.js'
import type { createPartnerStores } from './partner-services.js'

/**
 * The deliverer as both Lambdas run it: the scheduled deliverer (full budget) and the
 * dispatcher's immediate pass after recording deliveries (a short budget).
 *
 * @example const deliverer = delivererFromEnv(process.env, stores, logger, { budgetMs: 10_000 })
 */
export const delivererFromEnv = (
  env: NodeJS.ProcessEnv,
  { subscriptions, deliveries }: Pick<ReturnType<typeof createPartnerStores>, 'subscriptions' | 'deliveries'>,
  logger: PartnersLogger,
  options: { readonly budgetMs?: number } = {},
) => {
  const { WEBHOOK_TIMEOUT_MS } = delivererEnvSchema.parse(env)
  return createDeliverer({
    subscriptions,
    deliveries,
    send: createWebhookSender({ policy: targetPolicyFromEnv(env), timeoutMs: WEBHOOK_TIMEOUT_MS }),
    clock: () => new Date(),
    random: Math.random,
    logger,
    ...options,
  })
}
