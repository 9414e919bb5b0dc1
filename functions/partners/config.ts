import { z } from 'zod'
import type { TargetPolicy } from './url-safety.js'

const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true')
const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  )

/**
 * Where webhooks may go, from the environment: `ALLOW_HTTP_TARGETS=true` lets plain
 * http through (local development only), `WEBHOOK_ALLOWED_HOSTS` lists hosts allowed
 * although private (`127.0.0.1,localhost` locally). Both unset in AWS.
 */
export const targetPolicyEnvSchema = z.object({
  ALLOW_HTTP_TARGETS: flag,
  WEBHOOK_ALLOWED_HOSTS: commaList,
})

/**
 * The target policy for a Lambda or the API, parsed once at cold start.
 *
 * @example const policy = targetPolicyFromEnv(process.env)
 */
export const targetPolicyFromEnv = (env: NodeJS.ProcessEnv): TargetPolicy => {
  const parsed = targetPolicyEnvSchema.parse(env)
  return { allowHttp: parsed.ALLOW_HTTP_TARGETS, allowedHosts: parsed.WEBHOOK_ALLOWED_HOSTS }
}

/** The deliverer's settings beyond its table and target policy. */
export const delivererEnvSchema = z.object({
  DYNAMODB_ENDPOINT: z.url().optional(),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5_000),
})
