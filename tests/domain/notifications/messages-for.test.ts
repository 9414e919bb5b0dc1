import { describe, expect, it } from 'vitest'
import { eventTypeNames, type DomainEvent } from '../../../domain/events/index.js'
import { messagesFor, type NotifiableEvent } from '../../../domain/notifications/index.js'
import { editionOpened, partnerJoined, startupRegistered } from '../../fixtures/events.js'
import { editionId, submissionOf, submitApplication } from '../edition/fixtures.js'

const ids = { applicationId: 'app-1', editionId, startupId: 's1' }
const submission = submissionOf(submitApplication('app-1', 's1'))

/** An event as the Feed hands it to the notifier: at a version of its stream, recorded now. */
const at = (event: DomainEvent, version = 1, metadata: NotifiableEvent['metadata'] = {}) =>
  ({ ...event, version, metadata }) as NotifiableEvent

const toApplicant = { recipient: 'application-contact', ...ids } as const

describe('the messages an event leads to', () => {
  it('a submission: a receipt to its contact', () => {
    expect(messagesFor(at({ type: 'application.submitted', data: submission }))).toEqual([
      { kind: 'received', ...toApplicant, awaitingConfirmation: false },
    ])
  })

  it('a held application: a receipt saying the start-up is asked first, and the held notice to the registered contact', () => {
    expect(messagesFor(at({ type: 'application.held', data: submission }))).toEqual([
      { kind: 'received', ...toApplicant, awaitingConfirmation: true },
      { kind: 'held-notice', recipient: 'registered-contact', ...ids },
    ])
  })

  it('a held application confirmed (its submission after the hold): the confirmation, not a second receipt', () => {
    expect(messagesFor(at({ type: 'application.submitted', data: submission }, 2))).toEqual([
      { kind: 'confirmed', ...toApplicant },
    ])
  })

  it('a selection, a rejection with the reason staff gave (or none), a withdrawal and by whom', () => {
    expect(messagesFor(at({ type: 'application.selected', data: ids }, 2))).toEqual([
      { kind: 'selected', ...toApplicant },
    ])
    expect(
      messagesFor(at({ type: 'application.rejected', data: { ...ids, reason: 'Off theme' } }, 2)),
    ).toEqual([{ kind: 'rejected', ...toApplicant, reason: 'Off theme' }])
    expect(messagesFor(at({ type: 'application.rejected', data: ids }, 2))).toEqual([
      { kind: 'rejected', ...toApplicant },
    ])
    expect(
      messagesFor(at({ type: 'application.withdrawn', data: { ...ids, by: 'staff' } }, 3)),
    ).toEqual([{ kind: 'withdrawn', ...toApplicant, by: 'staff' }])
  })

  it('a dismissal: nothing (a stranger learns nothing from it)', () => {
    expect(messagesFor(at({ type: 'application.dismissed', data: ids }, 2))).toEqual([])
  })

  it('history staff imported: nothing, whatever it is', () => {
    const imported = { occurredAt: '2017-01-05T10:00:00Z' }
    expect(
      messagesFor(at({ type: 'application.submitted', data: submission }, 1, imported)),
    ).toEqual([])
    expect(messagesFor(at({ type: 'application.selected', data: ids }, 2, imported))).toEqual([])
  })

  it('start-ups, editions, partners, awards and erasures: nothing', () => {
    for (const event of [startupRegistered('s1'), editionOpened(), partnerJoined('tpm')]) {
      expect(messagesFor(at(event))).toEqual([])
    }
  })

  it('mails for application events only, one message per recipient role', () => {
    const mailing = [
      'application.held',
      'application.submitted',
      'application.selected',
      'application.rejected',
      'application.withdrawn',
    ]
    for (const type of eventTypeNames.filter((name) => !mailing.includes(name))) {
      const data = {
        ...ids,
        ...submission,
        by: 'startup',
        contacts: 1,
        reason: 'request',
        partnerId: 'p',
      }
      expect(messagesFor(at({ type, data } as DomainEvent))).toEqual([])
    }
    for (const type of mailing) {
      const intents = messagesFor(
        at({ type, data: { ...submission, by: 'startup' } } as DomainEvent),
      )
      expect(new Set(intents.map((intent) => intent.recipient)).size).toBe(intents.length)
    }
  })
})
