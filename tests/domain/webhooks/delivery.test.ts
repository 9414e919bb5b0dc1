import { describe, expect, it } from 'vitest'
import {
  afterAttempt,
  classifyResponse,
  isDue,
  newDelivery,
  NotDeadError,
  parseRetryAfter,
  redrive,
  type DeliveryState,
} from '../../../domain/webhooks/delivery.js'
import { maxAttempts } from '../../../domain/webhooks/retry-schedule.js'

const t0 = '2020-01-07T18:00:00.000Z'
const at = (ms: number) => new Date(Date.parse(t0) + ms).toISOString()
const noJitter = { random: 0.5 }

describe('classifyResponse', () => {
  it('takes 2xx as success, 408/429/5xx as worth a retry, 410 as gone, the rest as permanent', () => {
    expect(classifyResponse(200).kind).toBe('success')
    expect(classifyResponse(204).kind).toBe('success')
    for (const status of [408, 429, 500, 502, 503])
      expect(classifyResponse(status).kind).toBe('retryable')
    for (const status of [301, 400, 401, 404, 422])
      expect(classifyResponse(status).kind).toBe('permanent')
    expect(classifyResponse(410)).toEqual({ kind: 'gone', statusCode: 410, error: 'HTTP 410 Gone' })
    expect(classifyResponse(429, 60_000)).toEqual({
      kind: 'retryable',
      statusCode: 429,
      error: 'HTTP 429',
      retryAfterMs: 60_000,
    })
  })
})

describe('a delivery', () => {
  it('is due at once when new, and delivered on a 2xx', () => {
    const fresh = newDelivery(t0)
    expect(isDue(fresh, t0)).toBe(true)
    const done = afterAttempt(
      fresh,
      { kind: 'success', statusCode: 204 },
      { now: at(100), ...noJitter },
    )
    expect(done).toEqual({
      status: 'delivered',
      attempts: 1,
      lastAttemptAt: at(100),
      lastStatusCode: 204,
      deliveredAt: at(100),
    })
    expect(isDue(done, at(10_000))).toBe(false)
  })

  it('given a failure, waits per the schedule before the next attempt', () => {
    const failed = afterAttempt(
      newDelivery(t0),
      { kind: 'retryable', statusCode: 503, error: 'HTTP 503' },
      { now: t0, ...noJitter },
    )
    expect(failed).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 503,
      lastError: 'HTTP 503',
      nextAttemptAt: at(30_000),
    })
    expect(isDue(failed, at(29_999))).toBe(false)
    expect(isDue(failed, at(30_000))).toBe(true)
  })

  it('given a timeout (no status), keeps the error and forgets the last status code', () => {
    const first = afterAttempt(
      newDelivery(t0),
      { kind: 'retryable', statusCode: 500, error: 'HTTP 500' },
      { now: t0, ...noJitter },
    )
    const second = afterAttempt(
      first,
      { kind: 'retryable', error: 'timed out after 5000 ms' },
      { now: at(30_000), ...noJitter },
    )
    expect(second).toMatchObject({
      attempts: 2,
      lastError: 'timed out after 5000 ms',
      nextAttemptAt: at(30_000 + 120_000),
    })
    expect(second).not.toHaveProperty('lastStatusCode')
  })

  it('is dead-lettered at once on a permanent refusal, or when the endpoint is gone', () => {
    const dead = afterAttempt(newDelivery(t0), classifyResponse(404), { now: t0, ...noJitter })
    expect(dead).toMatchObject({ status: 'dead', attempts: 1, lastStatusCode: 404, deadAt: t0 })
    const gone = afterAttempt(newDelivery(t0), classifyResponse(410), { now: t0, ...noJitter })
    expect(gone).toMatchObject({ status: 'dead', attempts: 1, lastStatusCode: 410, deadAt: t0 })
    expect(dead).not.toHaveProperty('nextAttemptAt')
  })

  it(`is dead-lettered after ${maxAttempts} failed attempts`, () => {
    let state: DeliveryState = newDelivery(t0)
    let now = t0
    for (let i = 0; i < maxAttempts; i += 1) {
      expect(state.status).toBe('pending')
      now = state.nextAttemptAt ?? now
      state = afterAttempt(
        state,
        { kind: 'retryable', error: 'connection refused' },
        { now, ...noJitter },
      )
    }
    expect(state).toMatchObject({
      status: 'dead',
      attempts: maxAttempts,
      lastError: 'connection refused',
    })
  })

  it('can be redriven when dead, with a fresh budget; not otherwise', () => {
    const dead = afterAttempt(newDelivery(t0), classifyResponse(400), { now: t0, ...noJitter })
    const again = redrive(dead, at(5_000))
    expect(again).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at(5_000),
      lastStatusCode: 400,
    })
    expect(again).not.toHaveProperty('deadAt')
    expect(() => redrive(newDelivery(t0), t0)).toThrow(NotDeadError)
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', t0)).toBe(120_000)
    expect(parseRetryAfter(new Date(Date.parse(t0) + 90_000).toUTCString(), t0)).toBe(90_000)
    expect(parseRetryAfter('soon', t0)).toBeUndefined()
    expect(parseRetryAfter(undefined, t0)).toBeUndefined()
  })
})
