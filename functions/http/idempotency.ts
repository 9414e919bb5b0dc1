import type { Context, MiddlewareHandler } from 'hono'
import { sha256 } from '../shared/secrets.js'
import type { ApiEnv } from '../shared/http/app-env.js'
import { apiProblems } from './problems.js'

const keyPattern = /^[\x21-\x7E]{1,255}$/

/** Method, path and the exact body: the same key with anything else is another request. */
const fingerprintOf = async (c: Context) => sha256(`${c.req.method} ${c.req.path}\n${await c.req.text()}`)

/**
 * Who a key belongs to: a staff member, a partner's API key (as presented: a wrong one
 * is refused by its route and replays nothing, no one having written under it), or the
 * public. Keys are scoped to it and to the route, so the same key from another caller or
 * on another path is another request, never a replay of someone else's answer.
 */
const callerOf = (c: Context<ApiEnv>) => {
  if (c.var.principal) return `staff:${c.var.principal.subject}`
  const apiKey = c.req.header('X-Api-Key')
  return apiKey ? `partner-key:${sha256(apiKey)}` : 'public'
}

const recordKeyOf = (c: Context<ApiEnv>, clientKey: string) =>
  sha256(`${callerOf(c)}\n${c.req.method} ${c.req.path}\n${clientKey}`)

/**
 * `Idempotency-Key` on a command: read here, kept by the write side. This middleware only
 * checks the key's form and names its record (a hash of the caller, the route and the key,
 * so one caller's key never answers another's request) with the fingerprint of what it
 * came with; functions/commands/handle-command.ts claims it in the same transaction as the
 * events, answers a retry with the first answer, and refuses the key with another request.
 *
 * @example router.openapi({ ...route, middleware: [authorize(…), idempotency()] }, handler)
 */
export const idempotency = (): MiddlewareHandler<ApiEnv> => async (c, next) => {
  const clientKey = c.req.header('Idempotency-Key')
  if (c.req.method !== 'POST' || clientKey === undefined) return next()
  if (!keyPattern.test(clientKey)) throw apiProblems.invalidIdempotencyKey()
  c.set('idempotency', { key: recordKeyOf(c, clientKey), clientKey, fingerprint: await fingerprintOf(c) })
  await next()
}
