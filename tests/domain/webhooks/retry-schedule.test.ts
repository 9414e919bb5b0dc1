import { describe, expect, it } from 'vitest'
import {
  maxAttempts,
  retryDelay,
  retryDelaysMs,
} from '../../../domain/webhooks/retry-schedule.js'

const minute = 60_000
const hour = 60 * minute

describe('the retry schedule', () => {
  it('waits 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h and 12 h without jitter', () => {
    const waits = Array.from({ length: maxAttempts - 1 }, (_, i) => retryDelay(i + 1, 0.5))
    expect(waits).toEqual([
      30_000,
      2 * minute,
      10 * minute,
      30 * minute,
      hour,
      3 * hour,
      6 * hour,
      12 * hour,
    ])
  })

  it('spans about a day over nine attempts, then gives up', () => {
    expect(maxAttempts).toBe(9)
    const total = retryDelaysMs.reduce((sum, wait) => sum + wait, 0)
    expect(total).toBeGreaterThan(20 * hour)
    expect(total).toBeLessThan(25 * hour)
    expect(retryDelay(maxAttempts, 0.5)).toBeUndefined()
    expect(retryDelay(0, 0.5)).toBeUndefined()
  })

  it('spreads each wait over ±20 % with the random number it is given', () => {
    expect(retryDelay(1, 0)).toBe(24_000)
    expect(retryDelay(1, 0.999_999)).toBe(36_000)
    for (const random of [0, 0.1, 0.5, 0.9, 0.99]) {
      const wait = retryDelay(5, random) ?? 0
      expect(wait).toBeGreaterThanOrEqual(0.8 * hour)
      expect(wait).toBeLessThanOrEqual(1.2 * hour)
    }
  })

  it('honours a longer Retry-After, never a shorter one, and caps it at a day', () => {
    expect(retryDelay(1, 0.5, 120_000)).toBe(120_000)
    expect(retryDelay(1, 0.5, 1_000)).toBe(30_000)
    expect(retryDelay(1, 0.5, 7 * 24 * hour)).toBe(24 * hour)
  })
})
