import { describe, expect, it } from 'vitest'
import {
  currentSchemaVersion,
  parseEnvelope,
  schemaVersions,
} from '../../../domain/events/index.js'
import { applicationSubmittedV1 } from '../../../domain/events/past-versions/index.js'
import { specOf } from '../given-when-then.js'
import { decideInProgramme } from '../programme.js'
import { opened, submissionOf, submitApplication } from '../edition/fixtures.js'

/** An `application.submitted` as the Events table held it before v2: no consent recorded. */
const storedV1 = {
  eventId: '01936f0e-7d6a-7c3e-9b1a-2f4e5d6c7b8a',
  streamId: 'application-app-1',
  version: 1,
  type: 'application.submitted',
  schemaVersion: 1,
  data: {
    applicationId: 'app-1',
    editionId: 'ces-2020',
    startupId: 'startup-1',
    startupName: 'Calanques Tech',
    territory: 'aix-marseille-provence',
    themes: ['environment'],
    pitch: 'Sea water into drinking water.',
    contact: { name: 'Inès Martin', email: 'ines@calanques.example' },
  },
  metadata: { correlationId: 'c-1', actor: 'public' },
  recordedAt: '2019-09-01T10:00:00.000Z',
}

describe('application.submitted v2: what was consented to', () => {
  it('reads a v1 event as current, its consent not recorded (and, since v3, in French)', () => {
    const event = parseEnvelope(storedV1)
    expect(event.type).toBe('application.submitted')
    expect(event.schemaVersion).toBe(currentSchemaVersion('application.submitted'))
    expect(event.data).toEqual({ ...storedV1.data, consent: null, language: 'fr' })
  })

  it('refuses a v1 event with fields v1 never had', () => {
    expect(() =>
      parseEnvelope({ ...storedV1, data: { ...storedV1.data, consent: null } }),
    ).toThrow()
  })

  it('lists v1 in the catalogue with what v2 changed', () => {
    const [v1, v2] = schemaVersions('application.submitted')
    expect(v1).toMatchObject({
      schemaVersion: 1,
      current: false,
      changedInNext: expect.stringContaining('consent'),
    })
    expect(v1?.data).toBe(applicationSubmittedV1)
    expect(v2).toMatchObject({ schemaVersion: 2, current: false })
  })

  it('records the wording’s version and when it was given with a new application', () => {
    const given = { version: '2026-12', givenAt: '2019-09-01T10:00:00+02:00' }
    const [event] = specOf(decideInProgramme)
      .given([opened()])
      .when(submitApplication('app-1', 's1', { consent: given }))
      .then([
        { type: 'application.submitted', data: { ...submitted('app-1', 's1'), consent: given } },
      ])
    expect(event?.data).toMatchObject({ consent: given })
  })

  it('refuses a wording version never published', () => {
    specOf(decideInProgramme)
      .given([opened()])
      .when(
        submitApplication('app-1', 's1', {
          consent: { version: '1999-01', givenAt: '2019-09-01T10:00:00Z' },
        }),
      )
      .thenThrows({
        code: 'unknown-consent-version',
        kind: 'invalid',
        details: { consentVersion: '1999-01' },
      })
  })
})

const submitted = (applicationId: string, startupId: string) =>
  submissionOf(submitApplication(applicationId, startupId))
