import { describe, expect, it } from 'vitest'
import { backoff, backoffDelay } from '../../../functions/shared/backoff.js'

/** Just below 1: the largest value Math.random can return, near enough. */
const top = () => 0.999_999

describe('backoff with full jitter', () => {
  it('stays in [0, base · 2^(attempt − 1)), doubling with each attempt', () => {
    const options = { baseMs: 10, capMs: 10_000 }
    for (const [attempt, ceiling] of [
      [1, 10],
      [2, 20],
      [3, 40],
      [6, 320],
    ] as const) {
      expect(backoffDelay(attempt, { ...options, random: () => 0 })).toBe(0)
      const longest = backoffDelay(attempt, { ...options, random: top })
      expect(longest).toBeLessThan(ceiling)
      expect(longest).toBeGreaterThan(ceiling * 0.999)
    }
  })

  it('never waits longer than the cap, however many attempts', () => {
    for (const attempt of [11, 40, 1_000, Number.MAX_SAFE_INTEGER]) {
      const wait = backoffDelay(attempt, { baseMs: 10, capMs: 1_000, random: top })
      expect(wait).toBeLessThan(1_000)
      expect(Number.isFinite(wait)).toBe(true)
    }
  })

  it('treats attempt 0 or less like the first', () => {
    for (const attempt of [0, -3, 0.5]) {
      expect(backoffDelay(attempt, { baseMs: 10, random: top })).toBeLessThan(10)
    }
  })

  it('spreads the waits of writers that failed together over the whole range', () => {
    const waits = Array.from({ length: 2_000 }, () => backoffDelay(4, { baseMs: 10 }))
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...waits)).toBeLessThan(80)
    // Full jitter: no two writers are bound to the same instant, and the range is used.
    expect(new Set(waits).size).toBeGreaterThan(1_900)
    expect(Math.min(...waits)).toBeLessThan(8)
    expect(Math.max(...waits)).toBeGreaterThan(72)
    const mean = waits.reduce((sum, wait) => sum + wait, 0) / waits.length
    expect(mean).toBeGreaterThan(34)
    expect(mean).toBeLessThan(46)
  })

  it('sleeps the delay it draws', async () => {
    const started = performance.now()
    await backoff(3, { baseMs: 100, random: () => 0.5 }) // 200 ms ceiling, half of it
    const slept = performance.now() - started
    expect(slept).toBeGreaterThanOrEqual(95)
    expect(slept).toBeLessThan(1_000)
  })
})
