import { z } from 'zod'
import { retryDelay } from './retry-schedule.js'

/**
 * One event to one subscription. `pending` waits for `nextAttemptAt` (first try or a
 * retry), `delivered` got a 2xx, `dead` spent its retries or met a permanent refusal
 * and waits for a redrive.
 */
export const deliveryStatuses = ['pending', 'delivered', 'dead'] as const
const deliveryStatus = z.enum(deliveryStatuses)
export type DeliveryStatus = z.infer<typeof deliveryStatus>

/**
 * Why an attempt failed, as the delivery log tells partners: a code, and a short message
 * of ours. Never the network stack's or TLS library's own text, which may name addresses,
 * hosts, certificates or our internals (the sender writes that to our log, for operators).
 */
export const failureReasons = {
  'http-error': 'The endpoint answered with an error status',
  gone: 'The endpoint answered 410 Gone: the subscription is disabled',
  timeout: 'The endpoint did not answer in time',
  'connection-refused': 'The endpoint refused the connection',
  'connection-reset': 'The connection closed before the endpoint answered',
  'tls-failure': 'The TLS handshake with the endpoint failed (certificate or protocol)',
  'dns-failure': 'The endpoint’s host name did not resolve',
  'refused-target':
    'The URL is no longer an allowed target (https, a public address, an allowed port)',
  'network-error': 'The endpoint could not be reached',
} as const
export type FailureReason = keyof typeof failureReasons
export const failureReason = z.enum(
  Object.keys(failureReasons) as [FailureReason, ...FailureReason[]],
)

export const deliveryStateSchema = z.object({
  status: deliveryStatus,
  attempts: z.number().int().min(0),
  nextAttemptAt: z.string().optional(),
  lastAttemptAt: z.string().optional(),
  lastStatusCode: z.number().int().optional(),
  /** Why the last attempt failed (failureReasons). */
  lastErrorCode: failureReason.optional(),
  /** Its message: ours, short, the same for every partner (`HTTP 503` for a status). */
  lastError: z.string().optional(),
  deliveredAt: z.string().optional(),
  deadAt: z.string().optional(),
})
export type DeliveryState = z.infer<typeof deliveryStateSchema>

/**
 * What one attempt came to, as the deliverer saw it. `gone` is a `410 Gone`: the receiver
 * says the endpoint is no more (Standard Webhooks), so the subscription is disabled at once.
 */
export type AttemptOutcome =
  | { readonly kind: 'success'; readonly statusCode: number }
  | { readonly kind: 'gone'; readonly reason: 'gone'; readonly statusCode: 410 }
  | {
      readonly kind: 'retryable'
      readonly reason: FailureReason
      readonly statusCode?: number
      readonly retryAfterMs?: number
    }
  | { readonly kind: 'permanent'; readonly reason: FailureReason; readonly statusCode?: number }

/**
 * The message the delivery log shows for a failure: the status for an answer, else ours.
 *
 * @example failureMessage('http-error', 503) // 'HTTP 503'
 */
export const failureMessage = (reason: FailureReason, statusCode?: number): string => {
  if (reason === 'gone') return 'HTTP 410 Gone'
  if (reason === 'http-error' && statusCode !== undefined) return `HTTP ${statusCode}`
  return failureReasons[reason]
}

/**
 * A failure as the log shows it, for a delivery recorded before failures had codes (its
 * `lastError` was the raw text): the code it amounts to and our message, never that text.
 *
 * @example shownFailure({ lastError: 'read ECONNRESET' }) // { code: 'network-error', message: … }
 */
export const shownFailure = (
  state: Pick<DeliveryState, 'lastErrorCode' | 'lastError' | 'lastStatusCode'>,
): { readonly code: FailureReason; readonly message: string } | undefined => {
  if (state.lastErrorCode)
    return {
      code: state.lastErrorCode,
      message: failureMessage(state.lastErrorCode, state.lastStatusCode),
    }
  if (state.lastError === undefined) return undefined
  const legacy: FailureReason =
    state.lastStatusCode === 410
      ? 'gone'
      : state.lastStatusCode !== undefined || /^HTTP \d{3}/.test(state.lastError)
        ? 'http-error'
        : state.lastError.startsWith('timed out')
          ? 'timeout'
          : state.lastError === 'connection refused'
            ? 'connection-refused'
            : state.lastError.startsWith('refused target')
              ? 'refused-target'
              : 'network-error'
  return { code: legacy, message: failureMessage(legacy, state.lastStatusCode) }
}

/**
 * A receiver's answer as an outcome: 2xx succeeds; 408, 429 and 5xx are worth a retry;
 * 410 is gone (the subscription is disabled); any other status (4xx, and 3xx since
 * redirects are never followed) is permanent.
 *
 * @example classifyResponse(503) // { kind: 'retryable', statusCode: 503, … }
 */
export const classifyResponse = (statusCode: number, retryAfterMs?: number): AttemptOutcome => {
  if (statusCode >= 200 && statusCode < 300) return { kind: 'success', statusCode }
  if (statusCode === 410) return { kind: 'gone', statusCode, reason: 'gone' }
  if (statusCode === 408 || statusCode === 429 || statusCode >= 500) {
    return {
      kind: 'retryable',
      statusCode,
      reason: 'http-error',
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    }
  }
  return { kind: 'permanent', statusCode, reason: 'http-error' }
}

/** A new delivery, due at once. */
export const newDelivery = (now: string): DeliveryState => ({
  status: 'pending',
  attempts: 0,
  nextAttemptAt: now,
})

const plusMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString()

const withoutFailure = ({
  lastError: _e,
  lastErrorCode: _c,
  lastStatusCode: _s,
  ...rest
}: DeliveryState) => rest

/**
 * The delivery after one more attempt (`state.attempts` does not count it yet).
 * `random` in [0, 1) spreads the next retry.
 *
 * @example afterAttempt(newDelivery(now), { kind: 'success', statusCode: 204 }, { now, random })
 */
export const afterAttempt = (
  state: DeliveryState,
  outcome: AttemptOutcome,
  { now, random }: { readonly now: string; readonly random: number },
): DeliveryState => {
  const attempts = state.attempts + 1
  const base = { ...withoutFailure(state), attempts, lastAttemptAt: now }
  const code = outcome.statusCode === undefined ? {} : { lastStatusCode: outcome.statusCode }
  if (outcome.kind === 'success') {
    const { nextAttemptAt: _n, ...rest } = base
    return { ...rest, ...code, status: 'delivered', deliveredAt: now }
  }
  const failed = {
    ...base,
    ...code,
    lastErrorCode: outcome.reason,
    lastError: failureMessage(outcome.reason, outcome.statusCode),
  }
  const delay =
    outcome.kind === 'retryable' ? retryDelay(attempts, random, outcome.retryAfterMs) : undefined
  if (delay === undefined) {
    const { nextAttemptAt: _n, ...rest } = failed
    return { ...rest, status: 'dead', deadAt: now }
  }
  return { ...failed, status: 'pending', nextAttemptAt: plusMs(now, delay) }
}

/** A dead delivery can be redriven: it starts over with a fresh retry budget. */
export class NotDeadError extends Error {
  override readonly name = 'NotDeadError'
  constructor(readonly status: DeliveryStatus) {
    super(`Only a dead delivery can be redriven, not a ${status} one`)
  }
}

/**
 * A dead delivery sent again: pending at once, attempts back to 0, last error kept.
 *
 * @example redrive(dead, now).status // 'pending'
 */
export const redrive = (state: DeliveryState, now: string): DeliveryState => {
  if (state.status !== 'dead') throw new NotDeadError(state.status)
  const { deadAt: _d, ...rest } = state
  return { ...rest, status: 'pending', attempts: 0, nextAttemptAt: now }
}

/** Whether the delivery should be attempted at `now`. */
export const isDue = (state: DeliveryState, now: string): boolean =>
  state.status === 'pending' && Date.parse(state.nextAttemptAt ?? now) <= Date.parse(now)

/**
 * A `Retry-After` header (seconds or an HTTP date) as milliseconds from `now`.
 *
 * @example parseRetryAfter('120', now) // 120_000
 */
export const parseRetryAfter = (header: string | undefined, now: string): number | undefined => {
  if (header === undefined) return undefined
  const trimmed = header.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.parse(now))
}
