import { describe, expect, it } from 'vitest'
import { applicationDecider, type ApplicationEvent } from '../../../domain/application/index.js'
import { fold } from '../../../domain/shared/decider.js'
import {
  isStartupContact,
  startupDecider,
  type StartupEvent,
} from '../../../domain/startup/index.js'
import { specOf } from '../given-when-then.js'
import { decideInProgramme } from '../programme.js'
import {
  closed,
  contact,
  decideApplication,
  editionId,
  now,
  opened,
  selected,
  submissionOf,
  submitApplication,
  submitted,
  withdrawApplication,
} from '../edition/fixtures.js'

const { given } = specOf(decideInProgramme)

/** Start-up s1, registered by its own contact person. */
const registered: StartupEvent = {
  type: 'startup.registered',
  data: {
    startupId: 's1',
    name: 'Start-up s1',
    siret: '73282932000074',
    city: 'Marseille',
    territory: 'aix-marseille-provence',
    website: 'https://calanques.example',
    themes: ['environment'],
    description: 'Solar desalination.',
    contact,
    language: 'fr',
  },
}
const stranger = { name: 'Eve Usurpe', email: 'eve@elsewhere.example' }
const heldFrom = (applicationId: string, who = stranger): ApplicationEvent => ({
  type: 'application.held',
  data: submissionOf(submitApplication(applicationId, 's1', { contact: who })),
})
const submittedFrom = (applicationId: string, who = stranger): ApplicationEvent => ({
  type: 'application.submitted',
  data: submissionOf(submitApplication(applicationId, 's1', { contact: who })),
})
const confirm = (applicationId: string) => ({
  type: 'ConfirmApplication' as const,
  applicationId,
  now,
})
const dismiss = (applicationId: string, reason?: string) => ({
  type: 'DismissApplication' as const,
  applicationId,
  now,
  ...(reason === undefined ? {} : { reason }),
})

describe('an application for a registered start-up', () => {
  it('is the start-up’s when its contact person applies, whatever the address’s case', () => {
    const own = { ...contact, email: 'INES@Calanques.Example' }
    given([opened(), registered])
      .when(submitApplication('app-1', 's1', { contact: own }))
      .then([submittedFrom('app-1', own)])
  })

  it('is held when someone the start-up does not name applies with its SIRET', () => {
    given([opened(), registered])
      .when(submitApplication('app-2', 's1', { contact: stranger }))
      .then([heldFrom('app-2')])
  })

  it('is the start-up’s when it registers with it (nobody to compare with yet)', () => {
    given([opened()])
      .when(submitApplication('app-1', 's1', { contact: stranger }))
      .then([submittedFrom('app-1')])
  })

  it('still refuses a held application after the deadline', () => {
    given([opened(), registered])
      .when(submitApplication('app-2', 's1', { contact: stranger, now: '2019-10-16T00:00:00Z' }))
      .thenThrows({ code: 'application-deadline-passed', kind: 'invalid' })
  })
})

describe('ConfirmApplication and DismissApplication (staff)', () => {
  const heldOne = [opened(), registered, heldFrom('app-2')]

  it('confirms a held application: it is submitted as it came', () => {
    given(heldOne)
      .when(confirm('app-2'))
      .then([submittedFrom('app-2')])
  })

  it('confirms after the deadline: the application came in time', () => {
    given([opened({ applicationDeadline: '2019-08-01T00:00:00Z' }), registered, heldFrom('app-2')])
      .when(confirm('app-2'))
      .then([submittedFrom('app-2')])
  })

  it('refuses to confirm once the edition is closed', () => {
    given([...heldOne, closed])
      .when(confirm('app-2'))
      .thenThrows({ code: 'edition-closed', kind: 'conflict' })
  })

  it('dismisses a held application, with the reason', () => {
    given(heldOne)
      .when(dismiss('app-2', 'Not the company’s staff.'))
      .then([
        {
          type: 'application.dismissed',
          data: {
            applicationId: 'app-2',
            editionId,
            startupId: 's1',
            reason: 'Not the company’s staff.',
          },
        },
      ])
  })

  it.each([
    ['confirm', confirm('app-1')],
    ['dismiss', dismiss('app-1')],
  ])('refuses to %s an application that is not held', (_verb, command) => {
    given([opened(), submitted('app-1', 's1')])
      .when(command)
      .thenThrows({
        code: 'application-not-held',
        kind: 'conflict',
        details: { applicationStatus: 'submitted' },
      })
  })

  it('refuses to confirm a dismissed application, or one that does not exist', () => {
    given([
      ...heldOne,
      {
        type: 'application.dismissed',
        data: { applicationId: 'app-2', editionId, startupId: 's1' },
      },
    ])
      .when(confirm('app-2'))
      .thenThrows({
        code: 'application-not-held',
        kind: 'conflict',
        details: { applicationStatus: 'dismissed' },
      })
    given(heldOne)
      .when(confirm('app-9'))
      .thenThrows({ code: 'application-not-found', kind: 'not-found' })
  })

  it('refuses to select or reject a held application until it is confirmed', () => {
    given(heldOne)
      .when(decideApplication('app-2', 'selected'))
      .thenThrows({ code: 'application-awaiting-confirmation', kind: 'conflict' })
    given([...heldOne, submittedFrom('app-2')])
      .when(decideApplication('app-2', 'selected'))
      .then([selected('app-2', 's1')])
  })

  it('lets whoever made it withdraw a held application', () => {
    given(heldOne)
      .when(withdrawApplication('app-2'))
      .then([
        {
          type: 'application.withdrawn',
          data: { applicationId: 'app-2', editionId, startupId: 's1', by: 'startup' },
        },
      ])
  })
})

describe('the states', () => {
  it('keep a held application’s submission until it is confirmed', () => {
    const held = fold(applicationDecider, [heldFrom('app-2')])
    expect(held).toMatchObject({ status: 'held', submission: { contact: stranger } })
    expect(fold(applicationDecider, [heldFrom('app-2'), submittedFrom('app-2')])).toEqual({
      status: 'submitted',
      applicationId: 'app-2',
      editionId,
      startupId: 's1',
      contactEmail: stranger.email,
    })
  })

  it('snapshot and restore a held application', () => {
    const held = fold(applicationDecider, [heldFrom('app-2')])
    const codec = applicationDecider.snapshot
    expect(codec.decode(JSON.parse(JSON.stringify(codec.encode(held))))).toEqual(held)
  })

  it('know the start-up’s contact people by normalised address', () => {
    const startup = fold(startupDecider, [registered])
    expect(isStartupContact(startup, 'Ines@Calanques.example')).toBe(true)
    expect(isStartupContact(startup, stranger.email)).toBe(false)
    expect(isStartupContact(startupDecider.initialState, contact.email)).toBe(false)
    const codec = startupDecider.snapshot
    expect(codec.decode(JSON.parse(JSON.stringify(codec.encode(startup))))).toEqual(startup)
  })
})
