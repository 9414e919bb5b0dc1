import { describe, expect, it } from 'vitest'
import {
  goneReason,
  healthAfter,
  healthyState,
  type SubscriptionHealth,
} from '../../../domain/webhooks/health.js'

const t0 = '2020-01-07T18:00:00.000Z'
const hours = (h: number) => new Date(Date.parse(t0) + h * 3_600_000).toISOString()

describe('subscription health', () => {
  it('given failures, remembers since when; a success makes it healthy again', () => {
    const failing = healthAfter(healthyState, 'failed', t0).health
    expect(failing).toEqual({ consecutiveDeadLetters: 0, failingSince: t0 })
    expect(healthAfter(failing, 'failed', hours(1)).health.failingSince).toBe(t0)
    expect(healthAfter(failing, 'delivered', hours(2))).toEqual({ health: healthyState })
  })

  it('is never disabled by failures that still have retries left', () => {
    const failing: SubscriptionHealth = { consecutiveDeadLetters: 4, failingSince: t0 }
    expect(healthAfter(failing, 'failed', hours(100)).disable).toBeUndefined()
  })

  it('is disabled after five dead letters in a row', () => {
    let health = healthyState
    for (let i = 1; i <= 4; i += 1) {
      const after = healthAfter(health, 'dead', t0)
      expect(after.disable).toBeUndefined()
      health = after.health
    }
    expect(healthAfter(health, 'dead', t0).disable).toBe('5 deliveries in a row were dead-lettered')
  })

  it('is disabled at once when the endpoint answers 410 Gone, even healthy', () => {
    const after = healthAfter(healthyState, 'gone', t0)
    expect(after).toEqual({ health: { consecutiveDeadLetters: 1, failingSince: t0 }, disable: goneReason })
  })

  it('is disabled by a dead letter after failing for over 24 h', () => {
    const failing: SubscriptionHealth = { consecutiveDeadLetters: 0, failingSince: t0 }
    expect(healthAfter(failing, 'dead', hours(23)).disable).toBeUndefined()
    expect(healthAfter(failing, 'dead', hours(25)).disable).toMatch(
      /every delivery has failed since .* \(over 24 h\)/,
    )
  })
})
