import type { Context, MiddlewareHandler } from 'hono'
import { rateLimiter, type RateLimitInfo } from 'hono-rate-limiter'
import { keyIdOf } from '../partner-access/api-keys.js'
import type { ApiEnv } from '../shared/http/app-env.js'
import type { TokenVerifier } from '../shared/http/token-verifier.js'
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
 * whatever the client wrote.
 *
 * @example clientAddress(c) // '203.0.113.5'
 */
export const clientAddress = (c: Context): string => {
  const env = (c.env ?? {}) as ClientEnv
  return env.requestContext?.http?.sourceIp ?? env.incoming?.socket?.remoteAddress ?? 'unknown'
}

type Bucket = 'staff' | 'partner' | 'public' | `user:${string}`

/**
 * Who pays for a request: a well-formed API key is its partner's (whether it turns out
 * valid is for the route to say); a partner's user's token is its partner's users' (the
 * portal's calls, all from the app itself); another bearer token that verifies is staff's,
 * not counted (the seed's historical imports, reporting jobs); everything else is its
 * address's.
 */
const bucketOf = async (c: Context, verifier: TokenVerifier): Promise<Bucket> => {
  if (keyIdOf(c.req.header('X-Api-Key')?.trim() ?? '')) return 'partner'
  const [scheme, token] = (c.req.header('Authorization') ?? '').split(' ')
  if (scheme?.toLowerCase() === 'bearer' && token) {
    const principal = await verifier.verify(token).catch(() => undefined)
    if (principal?.partnerId !== undefined) return `user:${principal.partnerId}`
    if (principal && principal.roles.length > 0) return 'staff'
  }
  return 'public'
}

/** Seconds until the caller's window ends: what Retry-After says (1 to 60). */
const secondsLeft = (info: RateLimitInfo | undefined) => {
  const left = info?.resetTime ? Math.ceil((info.resetTime.getTime() - Date.now()) / 1_000) : 60
  return Math.min(60, Math.max(1, left))
}

const limiter = (limit: number, keyGenerator: (c: Context<ApiEnv>) => string): MiddlewareHandler<ApiEnv> =>
  limit === 0
    ? async (_c, next) => next()
    : rateLimiter<ApiEnv>({
        windowMs,
        limit,
        standardHeaders: 'draft-7',
        keyGenerator,
        handler: (c) => {
          throw apiProblems.tooManyRequests(secondsLeft(c.get('rateLimit')))
        },
      })

/**
 * Limits per caller, in the app itself so they hold under `npm start` as on Lambda: a
 * fixed one-minute window per client address (public calls) and per API key (partners),
 * answered `429` problem+json with `Retry-After`. Counters live in the process's memory
 * (hono-rate-limiter's store): on Lambda each warm container counts its own share, so a
 * caller spread over N containers gets at most N times the limit; costing no write per
 * request (a refused request writes nothing, anywhere) was worth that. Staff with a
 * valid token are not counted.
 *
 * @example app.use(rateLimits({ public: 300, partner: 600 }, verifier))
 */
export const rateLimits = (limits: RateLimits, verifier: TokenVerifier): MiddlewareHandler<ApiEnv> => {
  const perAddress = limiter(limits.public, (c) => `address:${clientAddress(c)}`)
  const perKey = limiter(limits.partner, (c) => `key:${keyIdOf(c.req.header('X-Api-Key')?.trim() ?? '')}`)
  // The bucket is worked out once per request; the limiter reads it back by request.
  const users = new WeakMap<Request, string>()
  const perPartnerUsers = limiter(limits.partner, (c) => users.get(c.req.raw) ?? 'user:?')
  return async (c, next) => {
    const bucket = await bucketOf(c, verifier)
    if (bucket === 'staff') return next()
    if (bucket.startsWith('user:')) {
      users.set(c.req.raw, bucket)
      return perPartnerUsers(c, next)
    }
    return (bucket === 'partner' ? perKey : perAddress)(c, next)
  }
}
