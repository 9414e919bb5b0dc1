import { z } from 'zod'
import type { ApiKeyStore } from '../../partner-access/api-key-store.js'
import { partnerHasLiveKey } from '../../partner-access/live-keys.js'
import type { Logger } from '../../shared/logger.js'
import type { WebhookStores } from '../services.js'
import { targetPolicyFromEnv } from '../target-policy.js'
import { createDeliverer } from './deliverer.js'
import { createWebhookSender } from './http-sender.js'

/** How long one post may take, connection to response headers (5 s unless told). */
const delivererEnvSchema = z.object({
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5_000),
})

/**
 * The deliverer as both Lambdas run it: the scheduled deliverer (full budget) and the
 * dispatcher's immediate pass after recording deliveries (a short budget); both pause the
 * subscriptions of a partner left with no live API key (the partners' keys, `apiKeys`).
 *
 * @example const deliverer = delivererFromEnv(process.env, { ...stores, apiKeys }, logger, { budgetMs: 10_000 })
 */
export const delivererFromEnv = (
  env: NodeJS.ProcessEnv,
  {
    subscriptions,
    deliveries,
    apiKeys,
  }: Pick<WebhookStores, 'subscriptions' | 'deliveries'> & { readonly apiKeys: Pick<ApiKeyStore, 'list'> },
  logger: Logger,
  options: { readonly budgetMs?: number } = {},
) => {
  const { WEBHOOK_TIMEOUT_MS } = delivererEnvSchema.parse(env)
  return createDeliverer({
    subscriptions,
    deliveries,
    send: createWebhookSender({
      policy: targetPolicyFromEnv(env),
      timeoutMs: WEBHOOK_TIMEOUT_MS,
      logger,
    }),
    clock: () => new Date(),
    random: Math.random,
    logger,
    partnerHasLiveKey: partnerHasLiveKey(apiKeys),
    ...options,
  })
}
