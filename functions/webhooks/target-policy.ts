import { z } from 'zod'
import { commaList, flag } from '../shared/environment.js'
import { defaultAllowedPorts, type TargetPolicy } from './url-safety.js'

/**
 * Where webhooks may go, from the environment: `ALLOW_HTTP_TARGETS=true` lets plain
 * http through (local development only), `WEBHOOK_ALLOWED_HOSTS` lists hosts allowed
 * although private (`127.0.0.1,localhost` locally; both unset in AWS), and
 * `WEBHOOK_ALLOWED_PORTS` the receivers' ports (443 and 8443 when unset).
 */
const targetPolicyEnvSchema = z.object({
  ALLOW_HTTP_TARGETS: flag,
  WEBHOOK_ALLOWED_HOSTS: commaList,
  /** A stage setting: the ports a receiver may listen on. */
  WEBHOOK_ALLOWED_PORTS: commaList
    .transform((ports) => ports.map(Number))
    .pipe(z.array(z.number().int().min(1).max(65_535))),
})

/**
 * The target policy for a Lambda or the API, parsed once at cold start.
 *
 * @example const policy = targetPolicyFromEnv(process.env)
 */
export const targetPolicyFromEnv = (env: NodeJS.ProcessEnv): TargetPolicy => {
  const parsed = targetPolicyEnvSchema.parse(env)
  const ports = parsed.WEBHOOK_ALLOWED_PORTS
  return {
    allowHttp: parsed.ALLOW_HTTP_TARGETS,
    allowedHosts: parsed.WEBHOOK_ALLOWED_HOSTS.map((host) => host.toLowerCase()),
    allowedPorts: ports.length > 0 ? ports : defaultAllowedPorts,
  }
}
