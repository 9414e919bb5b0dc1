import { describe, expect, it } from 'vitest'
import type { ApplicationEvent } from '../../../domain/application/index.js'
import type { Contact } from '../../../domain/events/index.js'
import {
  applicationContactOf,
  composeMessage,
  messagesFor,
  registeredContactOf,
  renderMessage,
  type MessageFacts,
  type MessageIntent,
} from '../../../domain/notifications/index.js'
import type { StartupEvent } from '../../../domain/startup/index.js'
import { editionId, openEdition, submissionOf, submitApplication } from '../edition/fixtures.js'
import { links } from './fixtures.js'

const eve: Contact = { name: 'Eve Usurpe', email: 'eve@phish.example' }
const ines: Contact = { name: 'Inès Martin', email: 'ines@calanques.example' }
const paul: Contact = { name: 'Paul Aubert', email: 'paul@calanques.example' }
const { type: _type, now: _now, ...edition } = openEdition()

const registered = (contact: Contact | null, name = 'Calanques Tech'): StartupEvent => ({
  type: 'startup.registered',
  data: {
    startupId: 's1',
    name,
    siret: '73282932000074',
    city: 'Marseille',
    territory: 'aix-marseille-provence',
    website: 'https://calanques.example',
    themes: ['environment'],
    description: '',
    contact,
    language: 'fr',
  },
})
const recovered: StartupEvent = {
  type: 'startup.recovered',
  data: {
    startupId: 's1',
    name: 'Calanques Tech',
    city: 'Marseille',
    territory: 'aix-marseille-provence',
    website: 'https://calanques.example',
    themes: ['environment'],
    description: '',
    contact: ines,
    language: 'en',
    reason: 'Registered first by someone else',
  },
}
/** Someone applies in s1's name with another contact, typing another name for it. */
const heldFrom = (contact: Contact): ApplicationEvent => ({
  type: 'application.held',
  data: submissionOf(
    submitApplication('app-2', 's1', {
      contact,
      startupName: 'URGENT: call +33 6 00 00 00 00',
      language: 'en',
    }),
  ),
})

const intent = (
  kind: MessageIntent['kind'],
  recipient: MessageIntent['recipient'] = 'application-contact',
): MessageIntent => ({
  kind,
  recipient,
  applicationId: 'app-2',
  editionId,
  startupId: 's1',
})

describe('who a message goes to', () => {
  it('the application’s contact: as it applied, in its language, with the name it gave', () => {
    expect(applicationContactOf([heldFrom(paul)])).toEqual({
      contact: paul,
      language: 'en',
      startupName: 'URGENT: call +33 6 00 00 00 00',
    })
    expect(applicationContactOf([])).toBeUndefined()
  })

  it('the registered contact: as registered, corrected, then recovered, under its registered name', () => {
    const corrected: StartupEvent = {
      type: 'startup.profile-corrected',
      data: { startupId: 's1', contact: paul, language: 'en', name: 'Calanques SAS', reason: 'x' },
    }
    expect(registeredContactOf([registered(eve)])).toEqual({
      contact: eve,
      language: 'fr',
      startupName: 'Calanques Tech',
    })
    expect(registeredContactOf([registered(eve), corrected])).toEqual({
      contact: paul,
      language: 'en',
      startupName: 'Calanques SAS',
    })
    expect(registeredContactOf([registered(eve), corrected, recovered])).toEqual({
      contact: ines,
      language: 'en',
      startupName: 'Calanques Tech',
    })
    expect(registeredContactOf([])).toBeUndefined()
  })
})

describe('composing a message from what the notifier looked up', () => {
  const facts = (startup: StartupEvent[], application: ApplicationEvent[]): MessageFacts => ({
    edition,
    applicant: applicationContactOf(application),
    registered: registeredContactOf(startup),
  })

  it('sends the held notice to the registered contact, in its language, naming the start-up as registered', () => {
    const held = heldFrom(paul)
    const intents = messagesFor({ ...held, version: 1, metadata: {} })
    const messages = intents.map((each) => composeMessage(each, facts([registered(ines)], [held])))
    expect(
      messages.map((message) => message && [message.kind, message.to.email, message.language]),
    ).toEqual([
      ['received', 'paul@calanques.example', 'en'],
      ['held-notice', 'ines@calanques.example', 'fr'],
    ])
    const notice = messages[1]
    expect(notice?.data).toEqual({
      recipientName: 'Inès Martin',
      reference: 'app-2',
      startupName: 'Calanques Tech',
      editionName: 'CES Las Vegas 2020',
    })
    // What the stranger typed never reaches the registered contact.
    const rendered = notice && renderMessage(notice.kind, notice.data, notice.language, links)
    expect(JSON.stringify(rendered)).not.toContain('URGENT')
    expect(JSON.stringify(rendered)).not.toContain('paul@')
  })

  it('warns the real contact once the start-up is recovered, and whoever squatted it before', () => {
    const held = heldFrom(paul)
    const before = composeMessage(
      intent('held-notice', 'registered-contact'),
      facts([registered(eve)], [held]),
    )
    const after = composeMessage(
      intent('held-notice', 'registered-contact'),
      facts([registered(eve), recovered], [held]),
    )
    expect(before?.to).toEqual(eve)
    expect(after).toMatchObject({ to: ines, language: 'en' })
  })

  it('sends nothing to an erased contact, or when the start-up has none', () => {
    const erased = {
      ...heldFrom(paul),
      data: { ...heldFrom(paul).data, contact: null },
    } as ApplicationEvent
    expect(composeMessage(intent('received'), facts([registered(ines)], [erased]))).toBeUndefined()
    expect(
      composeMessage(
        intent('held-notice', 'registered-contact'),
        facts([registered(null)], [erased]),
      ),
    ).toBeUndefined()
    expect(
      composeMessage(intent('held-notice', 'registered-contact'), facts([], [erased])),
    ).toBeUndefined()
  })

  it('fills each kind from the edition and the event: dates, deadline, reason, who withdrew', () => {
    const application = [heldFrom(paul)]
    const compose = (each: MessageIntent) =>
      composeMessage(each, facts([registered(ines)], application))
    expect(compose({ ...intent('received'), awaitingConfirmation: true })?.data).toMatchObject({
      applicationDeadline: edition.applicationDeadline,
      awaitingConfirmation: true,
    })
    expect(compose(intent('selected'))?.data).toMatchObject({
      city: 'Las Vegas',
      startsOn: '2020-01-07',
      endsOn: '2020-01-10',
    })
    expect(compose({ ...intent('rejected'), reason: 'Off theme' })?.data).toMatchObject({
      reason: 'Off theme',
    })
    expect(compose({ ...intent('rejected'), reason: '  ' })?.data).not.toHaveProperty('reason')
    expect(compose({ ...intent('withdrawn'), by: 'startup' })?.data).toMatchObject({
      by: 'startup',
    })
    for (const kind of [
      'received',
      'confirmed',
      'selected',
      'rejected',
      'withdrawn',
      'held-notice',
    ] as const) {
      const message = compose(
        intent(kind, kind === 'held-notice' ? 'registered-contact' : 'application-contact'),
      )
      expect(message?.kind).toBe(kind)
      if (message)
        expect(() =>
          renderMessage(message.kind, message.data, message.language, links),
        ).not.toThrow()
    }
  })
})
