import { z } from 'zod'
import { commaList, flag } from '../shared/environment.js'
import type { TargetPolicy } from './url-safety.js'

/**
 * Where webhooks may go, from the environment: `ALLOW_HTTP_TARGETS=true` lets plain
 * http through (local development only), `WEBHOOK_ALLOWED_HOSTS` lists hosts allowed
 * although private (`127.0.0.1,localhost` locally). Both unset in AWS.
 */
const targetPolicyEnvSchema = z.object({
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
  return {
    allowHttp: parsed.ALLOW_HTTP_TARGETS,
    allowedHosts: parsed.WEBHOOK_ALLOWED_HOSTS.map((host) => host.toLowerCase()),
  }
}
