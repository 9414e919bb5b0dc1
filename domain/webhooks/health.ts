import { z } from 'zod'

/** How a subscription's deliveries have been going lately. */
export const subscriptionHealthSchema = z.object({
  consecutiveDeadLetters: z.number().int().min(0),
  /** When the first failure after the last success happened; absent while all is well. */
  failingSince: z.string().optional(),
})
export type SubscriptionHealth = z.infer<typeof subscriptionHealthSchema>

export const healthyState: SubscriptionHealth = { consecutiveDeadLetters: 0 }

export interface DisablePolicy {
  /** Dead letters in a row that disable the subscription. */
  readonly deadLettersInARow: number
  /** A dead letter after failing this long without any success disables it too. */
  readonly failingForMs: number
}

export const defaultDisablePolicy: DisablePolicy = {
  deadLettersInARow: 5,
  failingForMs: 24 * 60 * 60 * 1_000,
}

/** What became of one delivery attempt, for the subscription's health. */
type Settlement = 'delivered' | 'failed' | 'dead' | 'gone'

/** Why a subscription whose endpoint answered `410 Gone` was disabled. */
export const goneReason = 'the endpoint answered 410 Gone'

/**
 * The health after an attempt, and the reason to disable the subscription if it now
 * keeps failing. Only a dead letter can disable it: a subscription is never disabled
 * while one of its deliveries still has retries left. A `410 Gone` dead-letters its
 * delivery and disables the subscription at once, as Standard Webhooks asks.
 *
 * @example healthAfter(healthyState, 'dead', now).disable // undefined (1 of 5)
 */
export const healthAfter = (
  health: SubscriptionHealth,
  settlement: Settlement,
  now: string,
  policy: DisablePolicy = defaultDisablePolicy,
): { readonly health: SubscriptionHealth; readonly disable?: string } => {
  if (settlement === 'delivered') return { health: healthyState }
  const failingSince = health.failingSince ?? now
  if (settlement === 'failed') return { health: { ...health, failingSince } }
  const next = { consecutiveDeadLetters: health.consecutiveDeadLetters + 1, failingSince }
  if (settlement === 'gone') return { health: next, disable: goneReason }
  if (next.consecutiveDeadLetters >= policy.deadLettersInARow) {
    return {
      health: next,
      disable: `${next.consecutiveDeadLetters} deliveries in a row were dead-lettered`,
    }
  }
  if (Date.parse(now) - Date.parse(failingSince) >= policy.failingForMs) {
    const hours = Math.round(policy.failingForMs / 3_600_000)
    return {
      health: next,
      disable: `every delivery has failed since ${failingSince} (over ${hours} h)`,
    }
  }
  return { health: next }
}
