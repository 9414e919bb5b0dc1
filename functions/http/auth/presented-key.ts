import type { Context } from 'hono'
import type { ApiKeyRecord } from '../../partner-access/api-key-item.js'
import type { ApiKeyStore } from '../../partner-access/api-key-store.js'

const seen = new WeakMap<Request, Promise<ApiKeyRecord | undefined>>()

/**
 * The request's `X-Api-Key` authenticated once per request: the limits per caller
 * (rate-limits.ts) and the route's own check (api-key.ts) both ask, and a partner's call
 * reads its key item once, not twice. Undefined when no key, or one that does not
 * authenticate.
 *
 * @example const key = await presentedKey(c, deps.apiKeys, deps.clock())
 */
export const presentedKey = (
  c: Context,
  apiKeys: Pick<ApiKeyStore, 'authenticate'>,
  now: Date,
): Promise<ApiKeyRecord | undefined> => {
  const presented = c.req.header('X-Api-Key')?.trim()
  if (!presented) return Promise.resolve(undefined)
  const known = seen.get(c.req.raw)
  if (known) return known
  const key = apiKeys.authenticate(presented, now)
  seen.set(c.req.raw, key)
  return key
}
