import type { Context, MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { sha256 } from '../shared/secrets.js'
import type { EventStore } from '../store/event-store.js'
import type { ApiEnv } from './app-env.js'
import { apiProblems } from './problems.js'

/** A response as first sent, stored with the idempotency key to answer retries. */
export interface StoredResponse {
  readonly status: ContentfulStatusCode
  readonly body: unknown
  readonly headers?: Record<string, string>
}

const keyPattern = /^[\x21-\x7E]{1,255}$/

/** Method, path and the exact body: the same key with anything else is another request. */
const fingerprintOf = async (c: Context) =>
  sha256(`${c.req.method} ${c.req.path}\n${await c.req.text()}`)

/** A stored response, marked as a replay for the client's logs. */
export const replayed = (response: StoredResponse): StoredResponse => ({
  ...response,
  headers: { ...response.headers, 'Idempotent-Replayed': 'true' },
})

/**
 * `Idempotency-Key` on a command (a POST through handleCommand): a retry of a committed
 * request gets the first answer again and writes nothing; the same key with another
 * request gets 422. The key is claimed in the same transaction as the events
 * (handle-command.ts), so two racing duplicates cannot both write, and the first try of
 * a request (nearly every one) costs no read: the record is read only when the request
 * failed, which is how a duplicate shows itself (its claim refused, or its decision
 * refused on the state the first one made), to answer with the first answer instead.
 *
 * @example router.openapi({ ...route, middleware: [authorize(…), idempotency(store)] }, handler)
 */
export const idempotency =
  (store: EventStore): MiddlewareHandler<ApiEnv> =>
  async (c, next) => {
    const key = c.req.header('Idempotency-Key')
    if (c.req.method !== 'POST' || key === undefined) return next()
    if (!keyPattern.test(key)) throw apiProblems.invalidIdempotencyKey()
    const fingerprint = await fingerprintOf(c)
    c.set('idempotency', { key, fingerprint })
    await next()
    if (!c.error) return
    const record = await store.findIdempotencyRecord(key)
    if (!record) return
    if (record.fingerprint !== fingerprint) {
      throw apiProblems.idempotencyKeyReused(`Key ${key} was first used for another request`)
    }
    const { body, status, headers } = replayed(record.result as StoredResponse)
    c.res = c.json(body, status, headers)
  }
