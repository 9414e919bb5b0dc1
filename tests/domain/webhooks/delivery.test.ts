import { describe, expect, it } from 'vitest'
import {
  afterAttempt,
  classifyResponse,
  failureReasons,
  isDue,
  newDelivery,
  NotDeadError,
  parseRetryAfter,
  redrive,
  shownFailure,
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
    expect(classifyResponse(410)).toEqual({ kind: 'gone', statusCode: 410, reason: 'gone' })
    expect(classifyResponse(429, 60_000)).toEqual({
      kind: 'retryable',
      statusCode: 429,
      reason: 'http-error',
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
      { kind: 'retryable', statusCode: 503, reason: 'http-error' },
      { now: t0, ...noJitter },
    )
    expect(failed).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 503,
      lastErrorCode: 'http-error',
      lastError: 'HTTP 503',
      nextAttemptAt: at(30_000),
    })
    expect(isDue(failed, at(29_999))).toBe(false)
    expect(isDue(failed, at(30_000))).toBe(true)
  })

  it('given a timeout (no status), keeps the error and forgets the last status code', () => {
    const first = afterAttempt(
      newDelivery(t0),
      { kind: 'retryable', statusCode: 500, reason: 'http-error' },
      { now: t0, ...noJitter },
    )
    const second = afterAttempt(
      first,
      { kind: 'retryable', reason: 'timeout' },
      { now: at(30_000), ...noJitter },
    )
    expect(second).toMatchObject({
      attempts: 2,
      lastErrorCode: 'timeout',
      lastError: 'The endpoint did not answer in time',
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
        { kind: 'retryable', reason: 'connection-refused' },
        { now, ...noJitter },
      )
    }
    expect(state).toMatchObject({
      status: 'dead',
      attempts: maxAttempts,
      lastErrorCode: 'connection-refused',
      lastError: 'The endpoint refused the connection',
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

describe('a failure as the delivery log shows it', () => {
  it('is a code and our message; an answer shows its status only', () => {
    expect(shownFailure({ lastErrorCode: 'http-error', lastStatusCode: 502 })).toEqual({
      code: 'http-error',
      message: 'HTTP 502',
    })
    expect(shownFailure({ lastErrorCode: 'tls-failure' })).toEqual({
      code: 'tls-failure',
      message: failureReasons['tls-failure'],
    })
    expect(shownFailure({})).toBeUndefined()
  })

  it('reads a failure recorded before codes as the code it amounts to, never its raw text', () => {
    const legacy = (lastError: string, lastStatusCode?: number) =>
      shownFailure({ lastError, ...(lastStatusCode === undefined ? {} : { lastStatusCode }) })
    expect(legacy('HTTP 503', 503)).toEqual({ code: 'http-error', message: 'HTTP 503' })
    expect(legacy('HTTP 410 Gone', 410)).toEqual({ code: 'gone', message: 'HTTP 410 Gone' })
    expect(legacy('timed out after 5000 ms')?.code).toBe('timeout')
    expect(legacy('connection refused')?.code).toBe('connection-refused')
    expect(legacy('refused target: not a public address')?.code).toBe('refused-target')
    const raw = 'getaddrinfo ENOTFOUND hooks.internal.example 10.0.0.3'
    expect(legacy(raw)).toEqual({ code: 'network-error', message: failureReasons['network-error'] })
  })
})
