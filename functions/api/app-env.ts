import type { RateLimitInfo } from 'hono-rate-limiter'
import type { RequestIdVariables } from 'hono/request-id'
import type { Principal } from './auth/token-verifier.js'

/** The request's `Idempotency-Key` and the fingerprint of what it was sent with. */
export interface IdempotencyContext {
  readonly key: string
  readonly fingerprint: string
}

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
