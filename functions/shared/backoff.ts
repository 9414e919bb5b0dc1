interface BackoffOptions {
  /** The ceiling of the first retry's wait; it doubles with each further attempt. */
  readonly baseMs?: number
  /** No wait is longer than this. */
  readonly capMs?: number
  /** A number in [0, 1): Math.random, or a fixed value in tests. */
  readonly random?: () => number
}

/**
 * The wait before retry number `attempt` (1, 2, 3…), with "full jitter": anywhere in
 * [0, min(capMs, baseMs · 2^(attempt − 1))). Writers that collided once then spread
 * out instead of colliding again at the same instant (AWS Architecture Blog,
 * "Exponential Backoff And Jitter").
 *
 * @example backoffDelay(3, { baseMs: 10 }) // somewhere in [0, 40)
 */
export const backoffDelay = (
  attempt: number,
  { baseMs = 10, capMs = 1_000, random = Math.random }: BackoffOptions = {},
): number => {
  const doublings = Math.min(Math.max(Math.floor(attempt) - 1, 0), 30)
  return random() * Math.min(capMs, baseMs * 2 ** doublings)
}

/**
 * Sleeps `backoffDelay(attempt, options)`: between two tries of a conditional write or
 * of what DynamoDB left unprocessed.
 *
 * @example await backoff(conflicts)
 */
export const backoff = (attempt: number, options?: BackoffOptions): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, options)))
