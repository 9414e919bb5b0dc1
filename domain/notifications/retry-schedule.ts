import { jittered } from '../shared/jitter.js'

const minute = 60_000
const hour = 60 * minute

/**
 * Waits before each new try of a message that could not be handed over (the mail service
 * down or throttling, a configuration being fixed): eight attempts over about thirteen
 * hours (13 h 21 min without jitter), as CSCfi/rems retries its outbox for twelve; then it
 * is given up, with the last error, and staff see why.
 */
export const sendRetryDelaysMs: readonly number[] = [
  1 * minute,
  5 * minute,
  15 * minute,
  1 * hour,
  2 * hour,
  4 * hour,
  6 * hour,
]

/** The first attempt plus one per retry delay. */
export const maxSendAttempts = sendRetryDelaysMs.length + 1

/**
 * The wait before the next try once `attempts` attempts have failed, spread ±20 %, or
 * undefined when the budget is spent. `random` in [0, 1) (0.5 = no jitter).
 *
 * @example sendRetryDelay(1, 0.5) // 60_000
 */
export const sendRetryDelay = (attempts: number, random: number): number | undefined => {
  const base = sendRetryDelaysMs[attempts - 1]
  return attempts < 1 || base === undefined ? undefined : jittered(base, random)
}
