import type { RequestIdVariables } from 'hono/request-id'
import type { Principal } from './token-verifier.js'

/** The request's `Idempotency-Key`, as stored and as sent, and the fingerprint of what it came with. */
export interface IdempotencyContext {
  /**
   * The record's key: a hash of the route, the caller and the key sent, so one caller's
   * key never answers another's request; what is stored (and in events' metadata).
   */
  readonly key: string
  /** The key as the caller sent it: never stored; it seals the answer's secrets. */
  readonly clientKey: string
  readonly fingerprint: string
}

/** What middleware puts on the context for the routes to read. */
export type ApiEnv = {
  Variables: RequestIdVariables & {
    correlationId: string
    principal?: Principal
    idempotency?: IdempotencyContext
  }
}

/**
 * Marks the environment a page hands to its in-process call to the API (functions/website):
 * the call carries the page's client (its address, for the limits per caller), and the
 * page's request was counted already, so the call is not counted again.
 */
export const countedAlready = Symbol.for('delegation-sud.counted-already')
