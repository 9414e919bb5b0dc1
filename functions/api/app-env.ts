import type { RateLimitInfo } from 'hono-rate-limiter'
import type { RequestIdVariables } from 'hono/request-id'
import type { Principal } from './auth/token-verifier.js'
import type { IdempotencyContext } from './idempotency.js'

/** What middleware puts on the context for the routes to read. */
export type ApiEnv = {
  Variables: RequestIdVariables & {
    correlationId: string
    principal?: Principal
    idempotency?: IdempotencyContext
    /** Set by the rate limiter (hono-rate-limiter) for the caller's window. */
    rateLimit?: RateLimitInfo
  }
}
