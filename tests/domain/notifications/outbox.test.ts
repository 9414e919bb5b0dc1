import { describe, expect, it } from 'vitest'
import {
  afterSend,
  claimAttempt,
  isDue,
  maxSendAttempts,
  mayHaveArrivedTwice,
  notSent,
  queuedMessage,
  sendRetryDelay,
  sendRetryDelaysMs,
  type OutboxState,
} from '../../../domain/notifications/index.js'

const now = '2027-10-15T21:00:00.000Z'
const at = (ms: number) => new Date(Date.parse(now) + ms).toISOString()
const minute = 60_000
const hour = 60 * minute
const lease = minute
const fr = { now, random: 0.5, language: 'fr' as const }

describe('the send retry schedule', () => {
  it('waits 1, 5, 15 min, then 1, 2, 4 and 6 h without jitter, over about thirteen hours', () => {
    const waits = Array.from({ length: maxSendAttempts - 1 }, (_, i) => sendRetryDelay(i + 1, 0.5))
    expect(waits).toEqual([minute, 5 * minute, 15 * minute, hour, 2 * hour, 4 * hour, 6 * hour])
    const total = sendRetryDelaysMs.reduce((sum, wait) => sum + wait, 0)
    expect(total).toBeGreaterThan(12 * hour)
    expect(total).toBeLessThan(14 * hour)
    expect(sendRetryDelay(maxSendAttempts, 0.5)).toBeUndefined()
    expect(sendRetryDelay(0, 0.5)).toBeUndefined()
  })

  it('spreads each wait over ±20 %', () => {
    expect(sendRetryDelay(1, 0)).toBe(0.8 * minute)
    expect(sendRetryDelay(1, 1)).toBe(1.2 * minute)
    expect(sendRetryDelay(1, Number.NaN)).toBe(minute)
  })
})

describe('a message in the outbox', () => {
  it('is due at once when queued, and not while an attempt holds it', () => {
    const queued = queuedMessage(now)
    expect(isDue(queued, now)).toBe(true)
    const claimed = claimAttempt(queued, now, lease)
    expect(claimed).toMatchObject({
      attempts: 1,
      inFlight: true,
      dueAt: at(lease),
      lastAttemptAt: now,
    })
    expect(isDue(claimed, at(lease - 1))).toBe(false)
    expect(isDue(claimed, at(lease))).toBe(true)
  })

  it('is sent once the service takes it: its id, language and time kept, the lease gone', () => {
    const sent = afterSend(
      claimAttempt(queuedMessage(now), now, lease),
      { kind: 'accepted', messageId: '<m1@x>' },
      fr,
    )
    expect(sent).toEqual({
      status: 'sent',
      attempts: 1,
      lastAttemptAt: now,
      sentAt: now,
      settledAt: now,
      messageId: '<m1@x>',
      language: 'fr',
    })
    expect(isDue(sent, at(hour))).toBe(false)
    expect(mayHaveArrivedTwice(sent)).toBe(false)
  })

  it('is tried again after each failure, then given up with the last error once the budget is spent', () => {
    let state: OutboxState = queuedMessage(now)
    let clock = now
    for (let attempt = 1; attempt < maxSendAttempts; attempt++) {
      state = afterSend(
        claimAttempt(state, clock, lease),
        { kind: 'retryable', error: `421 busy ${attempt}` },
        { ...fr, now: clock },
      )
      expect(state).toMatchObject({
        status: 'pending',
        attempts: attempt,
        lastError: `421 busy ${attempt}`,
      })
      expect(state.inFlight).toBeUndefined()
      expect(Date.parse(state.dueAt ?? '') - Date.parse(clock)).toBe(sendRetryDelay(attempt, 0.5))
      clock = state.dueAt ?? clock
    }
    const last = afterSend(
      claimAttempt(state, clock, lease),
      { kind: 'retryable', error: 'timeout' },
      { ...fr, now: clock },
    )
    expect(last).toMatchObject({
      status: 'given-up',
      gaveUp: 'retries-spent',
      attempts: maxSendAttempts,
      lastError: 'timeout',
    })
    expect(last.dueAt).toBeUndefined()
  })

  it('is given up at once when the service refuses it, or refuses the address (a hard bounce)', () => {
    const claimed = claimAttempt(queuedMessage(now), now, lease)
    expect(afterSend(claimed, { kind: 'refused', error: 'MessageRejected' }, fr)).toMatchObject({
      status: 'given-up',
      gaveUp: 'refused',
    })
    expect(
      afterSend(claimed, { kind: 'address-refused', error: '550 5.1.1 <recipient>' }, fr),
    ).toMatchObject({
      status: 'given-up',
      gaveUp: 'hard-bounce',
    })
  })

  it('is set aside, never sent, when its person was erased or suppressed', () => {
    const claimed = claimAttempt(queuedMessage(now), now, lease)
    expect(notSent(claimed, 'erased', now)).toEqual({
      status: 'not-sent',
      notSent: 'erased',
      attempts: 1,
      lastAttemptAt: now,
      settledAt: now,
    })
  })

  it('counts an attempt whose process stopped before settling: the next may be a duplicate, and says so once sent', () => {
    const first = claimAttempt(queuedMessage(now), now, lease) // handed over, then the process stopped
    const again = claimAttempt(first, at(lease), lease)
    expect(again).toMatchObject({ attempts: 2, interrupted: 1, inFlight: true })
    const sent = afterSend(
      again,
      { kind: 'accepted', messageId: '<m1@x>' },
      { ...fr, now: at(lease) },
    )
    expect(sent).toMatchObject({ status: 'sent', interrupted: 1 })
    expect(mayHaveArrivedTwice(sent)).toBe(true)
  })
})
