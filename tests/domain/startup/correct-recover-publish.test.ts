import { describe, expect, it } from 'vitest'
import type { PublicProfile } from '../../../domain/events/index.js'
import { fold } from '../../../domain/shared/decider.js'
import {
  type CorrectStartupProfile,
  type RecoverStartup,
  type StartupEvent,
  startupDecider,
} from '../../../domain/startup/index.js'
import { spec } from '../given-when-then.js'

const { given } = spec(startupDecider)
const now = '2019-11-04T09:30:00+01:00'
const startupId = '01JCALANQUES'

const profile: PublicProfile = {
  name: 'Calanques Tech',
  city: 'Marseille',
  territory: 'aix-marseille-provence',
  website: 'https://calanques.example',
  themes: ['environment'],
}
const ines = { name: 'Inès Martin', email: 'ines@calanques.example' }

const registered: StartupEvent = {
  type: 'startup.registered',
  data: {
    startupId,
    ...profile,
    siret: '73282932000074',
    description: 'Solar desalination for islands.',
    contact: ines,
    language: 'fr',
  },
}
const published = (what = profile): StartupEvent => ({
  type: 'startup.profile-published',
  data: { startupId, ...what },
})
const publish = { type: 'PublishStartupProfile' as const, startupId, now }

const correct = (fields: Partial<CorrectStartupProfile> = {}): CorrectStartupProfile => ({
  type: 'CorrectStartupProfile',
  startupId,
  reason: 'The start-up wrote to us',
  now,
  ...fields,
})

const recover = (fields: Partial<RecoverStartup> = {}): RecoverStartup => ({
  type: 'RecoverStartup',
  startupId,
  ...profile,
  territory: 'aix-marseille-provence',
  description: 'Solar desalination for islands.',
  contact: { name: 'Paul Aubert', email: 'paul@calanques.example' },
  reason: 'Registered first by someone else with its SIRET',
  now,
  ...fields,
})

describe('PublishStartupProfile', () => {
  it('publishes the profile as registered: no SIRET, description or contact', () => {
    given([registered]).when(publish).then([published()])
  })

  it('publishes nothing when partners have that profile already', () => {
    given([registered, published()]).when(publish).then([])
  })

  it('publishes the corrected profile when it changed since', () => {
    const renamed = {
      type: 'startup.profile-corrected',
      data: { startupId, name: 'Calanques Technologies', reason: 'x' },
    } as const
    given([registered, renamed])
      .when(publish)
      .then([published({ ...profile, name: 'Calanques Technologies' })])
  })

  it('refuses a start-up that is not registered', () => {
    given([])
      .when(publish)
      .thenThrows({ code: 'startup-not-found', kind: 'not-found', details: { startupId } })
  })
})

describe('CorrectStartupProfile (staff)', () => {
  it('records only the fields that differ, and why', () => {
    given([registered])
      .when(
        correct({
          name: 'Calanques Technologies',
          city: 'Marseille',
          themes: ['environment', 'energy'],
        }),
      )
      .then([
        {
          type: 'startup.profile-corrected',
          data: {
            startupId,
            name: 'Calanques Technologies',
            themes: ['environment', 'energy'],
            reason: 'The start-up wrote to us',
          },
        },
      ])
  })

  it('publishes nothing for a start-up partners have not received', () => {
    given([registered])
      .when(correct({ website: 'https://calanques.tech' }))
      .then([
        {
          type: 'startup.profile-corrected',
          data: {
            startupId,
            website: 'https://calanques.tech',
            reason: 'The start-up wrote to us',
          },
        },
      ])
  })

  it('publishes the corrected profile again once partners have received it', () => {
    given([registered, published()])
      .when(correct({ territory: 'toulon-provence-mediterranee' }))
      .then([
        {
          type: 'startup.profile-corrected',
          data: {
            startupId,
            territory: 'toulon-provence-mediterranee',
            reason: 'The start-up wrote to us',
          },
        },
        published({ ...profile, territory: 'toulon-provence-mediterranee' }),
      ])
  })

  it('corrects what partners never see without publishing again', () => {
    const contact = {
      name: 'Inès Martin-Roux',
      email: 'ines@calanques.example',
      phone: '+33 4 91 00 00 00',
    }
    given([registered, published()])
      .when(correct({ description: 'Desalination.', contact, language: 'en' }))
      .then([
        {
          type: 'startup.profile-corrected',
          data: {
            startupId,
            description: 'Desalination.',
            contact,
            language: 'en',
            reason: 'The start-up wrote to us',
          },
        },
      ])
  })

  it('makes a corrected contact the start-up’s, in place of the registered one', () => {
    const paul = { name: 'Paul Aubert', email: 'Paul@Calanques.example' }
    const [corrected] = given([registered])
      .when(correct({ contact: paul }))
      .then([
        {
          type: 'startup.profile-corrected',
          data: { startupId, contact: paul, reason: 'The start-up wrote to us' },
        },
      ])
    const state = fold(startupDecider, [registered, corrected!])
    expect(state.contactEmails).toEqual(['paul@calanques.example'])
    expect(state.disownedEmails).toEqual([])
  })

  it('refuses a correction that changes nothing', () => {
    given([registered])
      .when(correct({ name: 'Calanques Tech', themes: ['environment'], language: 'fr' }))
      .thenThrows({
        code: 'startup-correction-changes-nothing',
        kind: 'invalid',
        details: { startupId },
      })
  })

  it('refuses a start-up that is not registered', () => {
    given([])
      .when(correct({ name: 'X' }))
      .thenThrows({ code: 'startup-not-found', kind: 'not-found' })
  })
})

describe('RecoverStartup (staff)', () => {
  it('replaces the registered profile and contact by the real ones, without publishing an unpublished start-up', () => {
    given([registered])
      .when(recover({ name: 'Calanques Tech SAS', language: 'en' }))
      .then([
        {
          type: 'startup.recovered',
          data: {
            startupId,
            ...profile,
            name: 'Calanques Tech SAS',
            description: 'Solar desalination for islands.',
            contact: { name: 'Paul Aubert', email: 'paul@calanques.example' },
            language: 'en',
            reason: 'Registered first by someone else with its SIRET',
          },
        },
      ])
  })

  it('publishes the real profile when partners had received the other one', () => {
    given([registered, published()])
      .when(recover({ name: 'Calanques Tech SAS' }))
      .then([
        {
          type: 'startup.recovered',
          data: {
            startupId,
            ...profile,
            name: 'Calanques Tech SAS',
            description: 'Solar desalination for islands.',
            contact: { name: 'Paul Aubert', email: 'paul@calanques.example' },
            language: 'fr',
            reason: 'Registered first by someone else with its SIRET',
          },
        },
        published({ ...profile, name: 'Calanques Tech SAS' }),
      ])
  })

  it('disowns the contact that registered it first', () => {
    const [recovered] = given([registered])
      .when(recover())
      .then([
        {
          type: 'startup.recovered',
          data: {
            startupId,
            ...profile,
            description: 'Solar desalination for islands.',
            contact: { name: 'Paul Aubert', email: 'paul@calanques.example' },
            language: 'fr',
            reason: 'Registered first by someone else with its SIRET',
          },
        },
      ])
    const state = fold(startupDecider, [registered, recovered!])
    expect(state).toMatchObject({
      contactEmails: ['paul@calanques.example'],
      disownedEmails: ['ines@calanques.example'],
      contactLanguage: 'fr',
    })
  })

  it('refuses to recover with the contact already registered: that is a correction', () => {
    given([registered])
      .when(recover({ contact: { name: 'Inès', email: 'INES@calanques.example' } }))
      .thenThrows({
        code: 'startup-recovery-keeps-contact',
        kind: 'invalid',
        details: { startupId },
      })
  })

  it('refuses a start-up that is not registered', () => {
    given([]).when(recover()).thenThrows({ code: 'startup-not-found', kind: 'not-found' })
  })
})

describe('the start-up’s state', () => {
  it('reads an erased contact as no contact, wherever it was recorded', () => {
    const erased = { ...registered, data: { ...registered.data, contact: null } } as StartupEvent
    const correctedErased: StartupEvent = {
      type: 'startup.profile-corrected',
      data: { startupId, contact: null, reason: 'x' },
    }
    expect(fold(startupDecider, [erased]).contactEmails).toEqual([])
    expect(fold(startupDecider, [registered, correctedErased]).contactEmails).toEqual([])
  })

  it('snapshots and restores every field, and tags them with a new fold version', () => {
    const recovered = startupDecider.decide(
      recover(),
      fold(startupDecider, [registered]),
      undefined,
    )
    const state = fold(startupDecider, [registered, published(), ...recovered])
    const codec = startupDecider.snapshot
    expect(codec.decode(JSON.parse(JSON.stringify(codec.encode(state))))).toEqual(state)
    expect(codec.foldVersion).toBe(3)
    // A snapshot of the fold before (no profile) is refused, never read as an empty profile.
    expect(() =>
      codec.decode({ status: 'registered', siret: '73282932000074', contactEmails: [] }),
    ).toThrow()
  })
})
