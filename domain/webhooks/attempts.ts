import { z } from 'zod'
import { deliveryStatuses, type DeliveryState } from './delivery.js'

/**
 * One attempt to post a delivery, as its log keeps it: when it started, what the delivery
 * became, the receiver's status code or why there was none, and how long the exchange took.
 */
export const attemptSchema = z.object({
  at: z.string(),
  /** The delivery after this attempt: delivered, pending a retry, or dead. */
  status: z.enum(deliveryStatuses),
  statusCode: z.number().int().optional(),
  error: z.string().optional(),
  latencyMs: z.number().int().min(0),
})
export type Attempt = z.infer<typeof attemptSchema>

/**
 * Attempts a delivery's log keeps, the latest ones: a delivery gets at most nine attempts
 * per retry budget (retry-schedule.ts), and each redrive a new budget.
 */
export const attemptsKept = 20

/**
 * The attempt that took a delivery from its state to `next`, started at `at`.
 *
 * @example attemptOf(afterAttempt(state, outcome, { now, random }), { at: now, latencyMs: 42 })
 */
export const attemptOf = (
  next: DeliveryState,
  { at, latencyMs }: { at: string; latencyMs: number },
): Attempt => ({
  at,
  status: next.status,
  ...(next.lastStatusCode === undefined ? {} : { statusCode: next.lastStatusCode }),
  ...(next.lastError === undefined ? {} : { error: next.lastError }),
  latencyMs: Math.max(0, Math.round(latencyMs)),
})

/**
 * A delivery's attempts with one more: oldest first, the latest `attemptsKept` only.
 *
 * @example withAttempt(delivery.history, attempt)
 */
export const withAttempt = (history: readonly Attempt[] | undefined, attempt: Attempt): Attempt[] =>
  [...(history ?? []), attempt].slice(-attemptsKept)
