import { describe, expect, it } from 'vitest'
import { afterSend, claimAttempt, notSent, queuedMessage } from '../../../domain/notifications/index.js'
import type { OutboxItem } from '../../../functions/notifier/outbox-layout.js'
import { messageView } from '../../../functions/queries/application-messages.js'

/** How each outbox state reads for staff: pure, from the domain's own transitions. */
const queuedAt = '2026-12-07T09:00:00.000Z'
const later = (minutes: number) => new Date(Date.parse(queuedAt) + minutes * 60_000).toISOString()
const item = (state = queuedMessage(queuedAt)): OutboxItem => ({
  ...state,
  editionId: 'ces-2020',
  applicationId: '0192f0a0-0000-7000-8000-000000000001',
  startupId: 'startup-1',
  eventId: 'event-1',
  position: 42,
  kind: 'received',
  recipient: 'application-contact',
  queuedAt,
})

describe('an outbox item as staff see it', () => {
  it('queued: not tried yet, due at once', () => {
    expect(messageView(item())).toEqual({
      kind: 'received',
      to: 'application-contact',
      queuedAt,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: queuedAt,
      mayHaveArrivedTwice: false,
    })
  })

  it('sending: an attempt under way, taken again when its lease ends', () => {
    const claimed = claimAttempt(queuedMessage(queuedAt), later(1), 60_000)
    expect(messageView(item(claimed))).toMatchObject({
      state: 'sending',
      attempts: 1,
      lastAttemptAt: later(1),
      nextAttemptAt: later(2),
    })
  })

  it('retrying: failed, with the error and the next try', () => {
    const claimed = claimAttempt(queuedMessage(queuedAt), later(1), 60_000)
    const failed = afterSend(claimed, { kind: 'retryable', error: '421 busy' }, { now: later(1), random: 0.5 })
    const view = messageView(item(failed))
    expect(view).toMatchObject({ state: 'retrying', attempts: 1, lastError: '421 busy' })
    expect(Date.parse(view.nextAttemptAt ?? '')).toBeGreaterThan(Date.parse(later(1)))
    expect(view.because).toBeUndefined()
  })

  it('sent, then returned; after an interrupted attempt, marked as may have arrived twice', () => {
    const first = claimAttempt(queuedMessage(queuedAt), later(1), 60_000)
    const again = claimAttempt(first, later(3), 60_000)
    const sent = afterSend(again, { kind: 'accepted', messageId: '<m@x>' }, { now: later(3), random: 0.5, language: 'en' })
    const view = messageView(item({ ...sent, returned: { kind: 'complaint', at: later(9) } }))
    expect(view).toMatchObject({
      state: 'sent',
      sentAt: later(3),
      attempts: 2,
      language: 'en',
      returned: { kind: 'complaint', at: later(9) },
      mayHaveArrivedTwice: true,
    })
    expect(view.nextAttemptAt).toBeUndefined()
  })

  it('stopped: never sent (erased), or given up (hard bounce), with why and when', () => {
    const claimed = claimAttempt(queuedMessage(queuedAt), later(1), 60_000)
    expect(messageView(item(notSent(claimed, 'erased', later(1))))).toMatchObject({
      state: 'stopped',
      because: 'erased',
      stoppedAt: later(1),
    })
    const refused = afterSend(claimed, { kind: 'address-refused', error: '550 unknown' }, { now: later(2), random: 0.5 })
    expect(messageView(item(refused))).toMatchObject({
      state: 'stopped',
      because: 'hard-bounce',
      stoppedAt: later(2),
      lastError: '550 unknown',
    })
  })
})
