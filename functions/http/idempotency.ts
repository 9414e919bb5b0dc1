import type { Context, MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import { sha256 } from '../shared/secrets.js'
import type { EventStore } from '../store/event-store.js'
import type { ApiEnv } from './app-env.js'
import { apiProblems } from './problems.js'
import { openSecrets, sealSecrets } from '../commands/replay-secrets.js'

/**
 * A response as first sent, stored with the idempotency key to answer retries; its
 * secret fields (a withdrawal token) only sealed under the caller's key (replay-secrets.ts).
 */
export interface StoredResponse {
  readonly status: ContentfulStatusCode
  readonly body: unknown
  readonly headers?: Record<string, string>
  readonly sealed?: unknown
}

const keyPattern = /^[\x21-\x7E]{1,255}$/

/** Method, path and the exact body: the same key with anything else is another request. */
const fingerprintOf = async (c: Context) =>
  sha256(`${c.req.method} ${c.req.path}\n${await c.req.text()}`)

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
 * The response to store for replays: `secretFields` of its body are taken out and sealed
 * under the request's key (left out altogether for a guessable key).
 *
 * @example storedResponse(c, { status: 201, body, headers }, ['withdrawalToken'])
 */
export const storedResponse = (
  c: Context<ApiEnv>,
  response: StoredResponse,
  secretFields: readonly string[] = [],
): StoredResponse => {
  const idempotency = c.var.idempotency
  const body = response.body
  if (!idempotency || !secretFields.length || typeof body !== 'object' || body === null)
    return response
  const entries = Object.entries(body)
  const secrets = Object.fromEntries(entries.filter(([field]) => secretFields.includes(field)))
  const sealed = sealSecrets(idempotency.clientKey, idempotency.key, secrets)
  return {
    ...response,
    body: Object.fromEntries(entries.filter(([field]) => !secretFields.includes(field))),
    ...(sealed ? { sealed } : {}),
  }
}

const storedSchema = z.object({
  status: z.number().int(),
  body: z.unknown(),
  headers: z.record(z.string(), z.string()).optional(),
  sealed: z.unknown().optional(),
})

/**
 * A stored response as a replay: its sealed secrets opened with the retry's key, and
 * marked `Idempotent-Replayed: true` for the client's logs.
 *
 * @example const { body, status, headers } = replayed(c, record.result)
 */
export const replayed = (c: Context<ApiEnv>, stored: unknown): StoredResponse => {
  const { status, body, headers, sealed } = storedSchema.parse(stored)
  const idempotency = c.var.idempotency
  const secrets =
    sealed === undefined || !idempotency
      ? undefined
      : openSecrets(idempotency.clientKey, idempotency.key, sealed)
  return {
    status: status as ContentfulStatusCode,
    body: secrets && typeof body === 'object' && body !== null ? { ...body, ...secrets } : body,
    headers: { ...headers, 'Idempotent-Replayed': 'true' },
  }
}

/**
 * `Idempotency-Key` on a command (a POST through handleCommand): a retry of a committed
 * request gets the first answer again and writes nothing; the same key with another
 * request gets 422. The key is claimed in the same transaction as the events
 * (handle-command.ts), so two racing duplicates cannot both write, and the first try of
 * a request (nearly every one) costs no read: the record is read only when the request
 * failed, which is how a duplicate shows itself (its claim refused, or its decision
 * refused on the state the first one made), to answer with the first answer instead.
 * Records are named by a hash of the caller, the route and the key, and hold no secret
 * in clear (see storedResponse).
 *
 * @example router.openapi({ ...route, middleware: [authorize(…), idempotency(store)] }, handler)
 */
export const idempotency =
  (store: EventStore): MiddlewareHandler<ApiEnv> =>
  async (c, next) => {
    const clientKey = c.req.header('Idempotency-Key')
    if (c.req.method !== 'POST' || clientKey === undefined) return next()
    if (!keyPattern.test(clientKey)) throw apiProblems.invalidIdempotencyKey()
    const fingerprint = await fingerprintOf(c)
    const key = recordKeyOf(c, clientKey)
    c.set('idempotency', { key, clientKey, fingerprint })
    await next()
    if (!c.error) return
    const record = await store.findIdempotencyRecord(key)
    if (!record) return
    if (record.fingerprint !== fingerprint) {
      throw apiProblems.idempotencyKeyReused(
        'This Idempotency-Key was first used for another request',
      )
    }
    const { body, status, headers } = replayed(c, record.result)
    c.res = c.json(body, status, headers)
  }
