import { jittered } from '../shared/jitter.js'

const second = 1_000
const minute = 60 * second
const hour = 60 * minute

/**
 * Waits before each retry of a failed delivery: nine attempts spread over about a
 * day (22 h 42 min 30 s without jitter), then the delivery is dead-lettered.
 */
export const retryDelaysMs: readonly number[] = [
  30 * second,
  2 * minute,
  10 * minute,
  30 * minute,
  1 * hour,
  3 * hour,
  6 * hour,
  12 * hour,
]

/** The first attempt plus one per retry delay. */
export const maxAttempts = retryDelaysMs.length + 1

/** Each wait is spread over ±20 %, so receivers that fail together do not retry together. */
export const jitterRatio = 0.2

/** A `Retry-After` is honoured up to this; beyond it the receiver is treated as down. */
export const maxRetryAfterMs = 24 * hour

/**
 * The wait before the next attempt once `attempts` attempts have failed, or undefined
 * when the budget is spent. `random` is a number in [0, 1) supplied by the caller
 * (0.5 = no jitter); a `Retry-After` lengthens the wait, never shortens it.
 *
 * @example retryDelay(1, 0.5) // 30_000
 */
export const retryDelay = (
  attempts: number,
  random: number,
  retryAfterMs?: number,
): number | undefined => {
  const base = retryDelaysMs[attempts - 1]
  if (attempts < 1 || base === undefined) return undefined
  const spread = jittered(base, random, jitterRatio)
  const asked = retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, maxRetryAfterMs)
  return Math.max(spread, asked)
}
