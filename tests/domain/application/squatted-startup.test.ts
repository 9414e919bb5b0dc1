import { describe, expect, it } from 'vitest'
import {
  profilePublicationFor,
  type ApplicationEvent,
  type SubmitApplication,
} from '../../../domain/application/index.js'
import type { Contact } from '../../../domain/events/index.js'
import { isSharedWithPartners, partnerData } from '../../../domain/partner-access/partner-view.js'
import { fold } from '../../../domain/shared/decider.js'
import {
  startupDecider,
  type RecoverStartup,
  type StartupEvent,
} from '../../../domain/startup/index.js'
import { specOf, type Decide } from '../given-when-then.js'
import { decideInProgramme, type ProgrammeCommand, type ProgrammeEvent } from '../programme.js'
import {
  decideApplication,
  editionId,
  now,
  opened,
  submissionOf,
  submitApplication,
  withdrawApplication,
} from '../edition/fixtures.js'

/**
 * A stranger applies first with a real start-up's SIRET (SIRETs are public), then the real
 * start-up applies; staff recover it. Every step is decided the way the write side decides
 * it: the registration form registers an unknown start-up with its first application, and a
 * selection publishes the start-up's profile on its stream.
 */
const startupId = 'calanques'
const eve: Contact = { name: 'Eve Usurpe', email: 'eve@phish.example' }
const ines: Contact = { name: 'Inès Martin', email: 'ines@calanques.example' }
const squatterProfile = {
  name: 'Calanques Tech (officiel)',
  city: 'Marseille',
  territory: 'aix-marseille-provence' as const,
  website: 'https://calanques-tech.phish.example',
  themes: ['environment'],
}
const realProfile = {
  name: 'Calanques Tech',
  city: 'La Ciotat',
  territory: 'aix-marseille-provence' as const,
  website: 'https://calanques.example',
  themes: ['environment', 'water'],
}

const application = (applicationId: string, contact: Contact, name: string) =>
  submitApplication(applicationId, startupId, { contact, startupName: name, language: 'en' })

const isStartupEvent = (event: ProgrammeEvent): event is StartupEvent =>
  event.type.startsWith('startup.')
const isApplicationEvent = (event: ProgrammeEvent): event is ApplicationEvent =>
  event.type.startsWith('application.')

/** The registration form: an unknown start-up is registered by its first application. */
const applyThroughForm: Decide<SubmitApplication, ProgrammeEvent> = (command, history) => {
  const startup = fold(startupDecider, history.filter(isStartupEvent))
  const registration: ProgrammeCommand = {
    type: 'RegisterStartup',
    startupId,
    ...squatterProfile,
    siret: '73282932000074',
    description: 'Pay us first.',
    contact: command.contact ?? eve,
    language: command.language,
    now,
  }
  const registered = startup.status === 'absent' ? decideInProgramme(registration, history) : []
  return [...registered, ...decideInProgramme(command, history)]
}

/** A selection, with the publication of its start-up's profile it brings. */
const select: Decide<ProgrammeCommand, ProgrammeEvent> = (command, history) => {
  const decided = decideInProgramme(command, history)
  const publication = profilePublicationFor(decided.filter(isApplicationEvent), now)
  return publication
    ? [...decided, ...decideInProgramme(publication, [...history, ...decided])]
    : decided
}

const recover: RecoverStartup = {
  type: 'RecoverStartup',
  startupId,
  ...realProfile,
  description: 'Solar desalination for islands.',
  contact: ines,
  language: 'en',
  reason: 'Inès Martin, its founder, showed us the Kbis: the first registration was not theirs.',
  now,
}

/** What partners receive of a history: the shared types, allow-listed. */
const partnersSee = (history: readonly ProgrammeEvent[]) =>
  history
    .filter((event) => isSharedWithPartners(event.type))
    .map((event) => ({ type: event.type, data: partnerData(event) }))

/** The history after one more command. */
const step = <C>(history: ProgrammeEvent[], decide: Decide<C, ProgrammeEvent>, command: C) => [
  ...history,
  ...decide(command, history),
]

describe('a start-up whose SIRET a stranger used first', () => {
  const squatted = step(
    [opened()],
    applyThroughForm,
    application('app-eve', eve, squatterProfile.name),
  )
  const held = step(squatted, applyThroughForm, application('app-ines', ines, realProfile.name))
  const recovered = step(held, decideInProgramme, recover)

  it('is registered by the stranger, and partners see nothing of it', () => {
    expect(squatted.map((event) => event.type)).toEqual([
      'edition.opened',
      'startup.registered',
      'application.submitted',
    ])
    expect(partnersSee(squatted)).toEqual([partnersSee([opened()])[0]])
    expect(JSON.stringify(partnersSee(squatted))).not.toMatch(/phish|officiel|Eve/)
  })

  it('holds the real start-up’s application, as it is not the registered contact’s', () => {
    specOf(applyThroughForm)
      .given(squatted)
      .when(application('app-ines', ines, realProfile.name))
      .then([
        {
          type: 'application.held',
          data: submissionOf(application('app-ines', ines, realProfile.name)),
        },
      ])
  })

  it('is recovered by staff: the real profile and contact replace the stranger’s, the history stays', () => {
    specOf(decideInProgramme)
      .given(held)
      .when(recover)
      .then([
        {
          type: 'startup.recovered',
          data: {
            startupId,
            ...realProfile,
            description: 'Solar desalination for islands.',
            contact: ines,
            language: 'en',
            reason: recover.reason,
          },
        },
      ])
    expect(recovered.filter((event) => event.type === 'startup.registered')).toHaveLength(1)
    // Still nothing for partners: the start-up is not selected.
    expect(partnersSee(recovered)).toEqual(partnersSee([opened()]))
  })

  it('lets staff dismiss the stranger’s application, and confirm the real contact’s', () => {
    specOf(decideInProgramme)
      .given(recovered)
      .when({
        type: 'DismissApplication',
        applicationId: 'app-eve',
        reason: 'Not the start-up’s',
        now,
      })
      .then([
        {
          type: 'application.dismissed',
          data: { applicationId: 'app-eve', editionId, startupId, reason: 'Not the start-up’s' },
        },
      ])
    specOf(decideInProgramme)
      .given(recovered)
      .when({ type: 'ConfirmApplication', applicationId: 'app-ines', now })
      .then([
        {
          type: 'application.submitted',
          data: submissionOf(application('app-ines', ines, realProfile.name)),
        },
      ])
  })

  it('refuses to dismiss the stranger’s application before the recovery', () => {
    specOf(decideInProgramme)
      .given(held)
      .when({ type: 'DismissApplication', applicationId: 'app-eve', now })
      .thenThrows({
        code: 'application-not-held',
        kind: 'conflict',
        details: { applicationStatus: 'submitted' },
      })
  })

  it('makes the real contact’s later applications the start-up’s, and the stranger’s held', () => {
    const nextEdition = [opened({ editionId: 'ces-2021' }), ...recovered.filter(isStartupEvent)]
    const later = (applicationId: string, contact: Contact) =>
      submitApplication(applicationId, startupId, {
        editionId: 'ces-2021',
        contact,
        language: 'fr',
      })
    specOf(decideInProgramme)
      .given(nextEdition)
      .when(later('app-ines-2021', { ...ines, email: 'Ines@Calanques.example' }))
      .then([
        {
          type: 'application.submitted',
          data: submissionOf(later('app-ines-2021', { ...ines, email: 'Ines@Calanques.example' })),
        },
      ])
    specOf(decideInProgramme)
      .given(nextEdition)
      .when(later('app-eve-2021', eve))
      .then([{ type: 'application.held', data: submissionOf(later('app-eve-2021', eve)) }])
  })

  describe('once the real start-up is selected', () => {
    const confirmed = step(
      step(recovered, decideInProgramme, {
        type: 'DismissApplication',
        applicationId: 'app-eve',
        now,
      }),
      decideInProgramme,
      { type: 'ConfirmApplication', applicationId: 'app-ines', now },
    )
    const selected = step(confirmed, select, decideApplication('app-ines', 'selected'))

    it('publishes its profile with the real data', () => {
      specOf(select)
        .given(confirmed)
        .when(decideApplication('app-ines', 'selected'))
        .then([
          {
            type: 'application.selected',
            data: { applicationId: 'app-ines', editionId, startupId },
          },
          { type: 'startup.profile-published', data: { startupId, ...realProfile } },
        ])
      expect(partnersSee(selected)).toEqual([
        ...partnersSee([opened()]),
        { type: 'application.selected', data: { applicationId: 'app-ines', editionId, startupId } },
        { type: 'startup.profile-published', data: { startupId, ...realProfile } },
      ])
    })

    it('publishes again when staff correct the published profile', () => {
      specOf(decideInProgramme)
        .given(selected)
        .when({
          type: 'CorrectStartupProfile',
          startupId,
          website: 'https://calanques.tech',
          reason: 'New domain',
          now,
        })
        .then([
          {
            type: 'startup.profile-corrected',
            data: { startupId, website: 'https://calanques.tech', reason: 'New domain' },
          },
          {
            type: 'startup.profile-published',
            data: { startupId, ...realProfile, website: 'https://calanques.tech' },
          },
        ])
    })

    it('publishes nothing more while the profile partners have is the start-up’s', () => {
      specOf(decideInProgramme)
        .given(selected)
        .when({ type: 'PublishStartupProfile', startupId, now })
        .then([])
    })
  })
})

describe('a stranger selected before the recovery', () => {
  const squatted = step(
    [opened()],
    applyThroughForm,
    application('app-eve', eve, squatterProfile.name),
  )
  const selected = step(squatted, select, decideApplication('app-eve', 'selected'))

  it('had its profile published, and the recovery publishes the real one over it', () => {
    expect(partnersSee(selected).at(-1)).toEqual({
      type: 'startup.profile-published',
      data: { startupId, ...squatterProfile },
    })
    const [, republished] = specOf(decideInProgramme)
      .given(selected)
      .when(recover)
      .then([
        {
          type: 'startup.recovered',
          data: {
            startupId,
            ...realProfile,
            description: 'Solar desalination for islands.',
            contact: ines,
            language: 'en',
            reason: recover.reason,
          },
        },
        { type: 'startup.profile-published', data: { startupId, ...realProfile } },
      ])
    expect(republished && partnerData(republished)).toEqual({ startupId, ...realProfile })
  })

  it('must see the stranger’s seat withdrawn (partners are told) before its application is dismissed', () => {
    const recovered = step(selected, decideInProgramme, recover)
    specOf(decideInProgramme)
      .given(recovered)
      .when({ type: 'DismissApplication', applicationId: 'app-eve', now })
      .thenThrows({
        code: 'application-is-member',
        kind: 'conflict',
        details: { applicationId: 'app-eve' },
      })
    const withdrawn = step(recovered, decideInProgramme, withdrawApplication('app-eve', 'staff'))
    specOf(decideInProgramme)
      .given(withdrawn)
      .when({ type: 'DismissApplication', applicationId: 'app-eve', now })
      .then([
        { type: 'application.dismissed', data: { applicationId: 'app-eve', editionId, startupId } },
      ])
  })
})
