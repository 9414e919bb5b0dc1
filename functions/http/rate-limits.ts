import type { Context, MiddlewareHandler } from 'hono'
import { presentedKey } from './auth/presented-key.js'
import type { ApiKeyStore } from '../partner-access/api-key-store.js'
import type { Logger } from '../shared/logger.js'
import { countedAlready, type ApiEnv } from '../shared/http/app-env.js'
import type { TokenVerifier } from '../shared/http/token-verifier.js'
import { sha256 } from '../shared/secrets.js'
import type { HitCounter } from './hit-counter.js'
import { apiProblems } from './problems.js'

/** Requests per minute: per client address on public calls, per key on partner calls. 0: off. */
export interface RateLimits {
  readonly public: number
  readonly partner: number
}

const windowMs = 60_000

/** What the runtime tells of the client: API Gateway's source IP, or the socket's peer. */
interface ClientEnv {
  readonly requestContext?: { readonly http?: { readonly sourceIp?: string } }
  readonly incoming?: { readonly socket?: { readonly remoteAddress?: string } }
}

/**
 * The client's address as the platform saw it, never as the request claims it: on Lambda
 * API Gateway's `sourceIp`, under `npm start` the socket's peer. X-Forwarded-For is
 * whatever the client wrote. A page's in-process call carries its page's environment, so
 * its address too.
 *
 * @example clientAddress(c) // '203.0.113.5'
 */
export const clientAddress = (c: Context): string => {
  const env = (c.env ?? {}) as ClientEnv
  return env.requestContext?.http?.sourceIp ?? env.incoming?.socket?.remoteAddress ?? 'unknown'
}

type Caller = { readonly kind: 'staff' } | { readonly kind: 'partner' | 'public'; readonly id: string }

export interface RateLimitDeps {
  readonly rateLimits: RateLimits
  readonly verifier: TokenVerifier
  readonly apiKeys: Pick<ApiKeyStore, 'authenticate'>
  readonly hits: HitCounter
  readonly clock: () => Date
  readonly logger: Pick<Logger, 'warn'>
  /** The windows' wall clock in ms, `Date.now` by default; tests fix it so no window turns mid-test. */
  readonly windowClock?: () => number
}

/**
 * Who pays for a request: a partner for a key that authenticates (a well-formed key nobody
 * issued, or a key id alone, is no one's: its address pays, so inventing keys escapes
 * nothing and naming a partner's key id spends nothing of its allowance); staff with a
 * bearer token that verifies are not counted (the seed's imports, reporting jobs); a
 * partner's user (the portal's calls, all from the app itself) counts on its partner's users'
 * allowance; everyone else is their address, kept as a hash (an address is personal data).
 */
const callerOf = async (c: Context, { verifier, apiKeys, clock }: RateLimitDeps): Promise<Caller> => {
  const key = await presentedKey(c, apiKeys, clock()).catch(() => undefined)
  if (key) return { kind: 'partner', id: `key:${key.keyId}` }
  const [scheme, token] = (c.req.header('Authorization') ?? '').split(' ')
  if (scheme?.toLowerCase() === 'bearer' && token) {
    const principal = await verifier.verify(token).catch(() => undefined)
    if (principal?.partnerId !== undefined) return { kind: 'partner', id: `user:${principal.partnerId}` }
    if (principal && principal.roles.length > 0) return { kind: 'staff' }
  }
  return { kind: 'public', id: `address:${sha256(clientAddress(c)).slice(0, 22)}` }
}

/**
 * Limits per caller, in the app so they hold under `npm start` as on Lambda: a fixed
 * one-minute window per client address (public calls) and per API key (partners),
 * answered `429` problem+json with `Retry-After`, and `RateLimit` headers on every
 * counted answer. The counts are shared by every instance (hit-counter.ts: one DynamoDB
 * item per caller and minute), so a caller spread over many Lambda containers gets the
 * limit once. A page's in-process call to the API is not counted again, nor is `GET /health`
 * (a monitor's probe must not depend on DynamoDB). When the count cannot be kept (DynamoDB
 * unreachable), the request goes on, logged: the gateway's throttling still bounds the
 * traffic, and refusing every caller for the limiter's sake would be the outage it guards against.
 *
 * @example app.use(rateLimits({ rateLimits: { public: 300, partner: 600 }, verifier, apiKeys, hits, clock }))
 */
export const rateLimits = (deps: RateLimitDeps): MiddlewareHandler<ApiEnv> => async (c, next) => {
  const { rateLimits: limits } = deps
  if ((c.env as Record<symbol, unknown> | undefined)?.[countedAlready]) return next()
  if (c.req.path === '/health') return next()
  if (limits.public === 0 && limits.partner === 0) return next()
  const caller = await callerOf(c, deps)
  if (caller.kind === 'staff') return next()
  const limit = caller.kind === 'partner' ? limits.partner : limits.public
  if (limit === 0) return next()
  // Wall-clock windows, whatever the domain's clock says (tests and imports fix it).
  const now = deps.windowClock?.() ?? Date.now()
  const windowStart = now - (now % windowMs)
  const hits = await deps.hits.hit(caller.id, windowStart, windowMs).catch((error: unknown) => {
    deps.logger.warn('rate limit not counted', { error })
    return undefined
  })
  if (hits === undefined) return next()
  const reset = Math.min(60, Math.max(1, Math.ceil((windowStart + windowMs - now) / 1_000)))
  c.header('RateLimit-Policy', `${limit};w=${windowMs / 1_000}`)
  c.header('RateLimit', `limit=${limit}, remaining=${Math.max(0, limit - hits)}, reset=${reset}`)
  if (hits > limit) throw apiProblems.tooManyRequests(reset)
  await next()
}
