import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applicationHeld,
  applicationSubmitted,
  currentSchemaVersion,
  parseEnvelope,
  schemaVersions,
  startupRegistered,
  type EventType,
} from '../../../domain/events/index.js'
import {
  applicationHeldV1,
  applicationSubmittedV2,
  startupRegisteredV1,
} from '../../../domain/events/past-versions/index.js'
import { specOf } from '../given-when-then.js'
import { decideInProgramme } from '../programme.js'
import { opened, submissionOf, submitApplication } from '../edition/fixtures.js'

/** An event as the Events table holds it, at an older schema version. */
const stored = (type: EventType, schemaVersion: number, data: unknown) => ({
  eventId: '01936f0e-7d6a-7c3e-9b1a-2f4e5d6c7b8a',
  streamId: 'application-app-1',
  version: 1,
  type,
  schemaVersion,
  data,
  metadata: { correlationId: 'c-1', actor: 'public' },
  recordedAt: '2026-12-20T10:00:00.000Z',
})

const submittedV2 = {
  applicationId: 'app-1',
  editionId: 'ces-2027',
  startupId: 'startup-1',
  startupName: 'Calanques Tech',
  territory: 'aix-marseille-provence',
  themes: ['environment'],
  pitch: 'Sea water into drinking water.',
  contact: { name: 'Inès Martin', email: 'ines@calanques.example' },
  consent: { version: '2026-12', givenAt: '2026-12-20T10:00:00+01:00' },
}

const registeredV1 = {
  startupId: 'startup-1',
  name: 'Calanques Tech',
  siret: '73282932000074',
  city: 'Marseille',
  territory: 'aix-marseille-provence',
  website: 'https://calanques.example',
  themes: ['environment'],
  description: 'Solar desalination.',
  contact: null,
}

describe('the form’s language, recorded since application.submitted v3', () => {
  it('reads a stored v2 submission, or a v1 held application, as French', () => {
    expect(currentSchemaVersion('application.submitted')).toBe(3)
    expect(currentSchemaVersion('application.held')).toBe(2)
    expect(parseEnvelope(stored('application.submitted', 2, submittedV2)).data).toEqual({
      ...submittedV2,
      language: 'fr',
    })
    expect(parseEnvelope(stored('application.held', 1, submittedV2)).data).toEqual({
      ...submittedV2,
      language: 'fr',
    })
  })

  it('reads a stored v1 registration as French, its erased contact still erased', () => {
    expect(currentSchemaVersion('startup.registered')).toBe(2)
    const event = parseEnvelope(stored('startup.registered', 1, registeredV1))
    expect(event).toMatchObject({ schemaVersion: 2, data: { ...registeredV1, language: 'fr' } })
  })

  it('refuses old data with a language: no version before the current one had it', () => {
    const withLanguage = { ...submittedV2, language: 'en' }
    expect(() => parseEnvelope(stored('application.submitted', 2, withLanguage))).toThrow()
    expect(() => parseEnvelope(stored('application.held', 1, withLanguage))).toThrow()
    expect(() =>
      parseEnvelope(stored('startup.registered', 1, { ...registeredV1, language: 'en' })),
    ).toThrow()
  })

  it('keeps only French and English', () => {
    const german = { ...submittedV2, language: 'de' }
    expect(() => parseEnvelope(stored('application.submitted', 3, german))).toThrow()
  })

  it('lists every version in the catalogue, with what the next one changed', () => {
    for (const [type, versions] of [
      ['application.submitted', [1, 2, 3]],
      ['application.held', [1, 2]],
      ['startup.registered', [1, 2]],
    ] as const) {
      const all = schemaVersions(type)
      expect(all.map((v) => v.schemaVersion)).toEqual(versions)
      expect(all.at(-2)?.changedInNext).toContain('`language`')
    }
    expect(schemaVersions('application.submitted')[1]?.data).toBe(applicationSubmittedV2)
  })

  it('records the form’s language with a new application, French when not given', () => {
    const english = submitApplication('app-1', 's1', { language: 'en' })
    specOf(decideInProgramme)
      .given([opened()])
      .when(english)
      .then([{ type: 'application.submitted', data: { ...submissionOf(english), language: 'en' } }])
    const { language: _language, ...unsaid } = submitApplication('app-2', 's2')
    specOf(decideInProgramme)
      .given([opened()])
      .when(unsaid)
      .then([{ type: 'application.submitted', data: { ...submissionOf(unsaid), language: 'fr' } }])
  })

  it('keeps a held application’s language when staff confirm it', () => {
    const english = submitApplication('app-3', 's1', { language: 'en' })
    const held = { type: 'application.held' as const, data: submissionOf(english) }
    specOf(decideInProgramme)
      .given([opened(), held])
      .when({ type: 'ConfirmApplication', applicationId: 'app-3', now: english.now })
      .then([{ type: 'application.submitted', data: submissionOf(english) }])
  })
})

const text = (max: number) => fc.string({ minLength: 1, maxLength: max, unit: 'grapheme' })
const slug = fc.constantFrom('ces-2027', 'aix-marseille-provence', 'environment', 'health', 'a-1')
// fast-check's emailAddress() mostly makes addresses zod refuses (RFC 5322's odd corners).
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,20}([._+-][a-z0-9]{1,10}){0,2}$/), fc.domain())
  .map(([local, domain]) => `${local}@${domain}`)
const contact = fc.option(
  fc.record(
    { name: text(200), email, phone: fc.string({ minLength: 3, maxLength: 40 }) },
    { requiredKeys: ['name', 'email'] },
  ),
  { nil: null },
)
const isoDateTime = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
  .map((date) => date.toISOString())
const v2Submission = fc.record({
  applicationId: text(60),
  editionId: slug,
  startupId: text(60),
  startupName: text(200),
  territory: slug,
  themes: fc.array(slug, { maxLength: 20 }),
  pitch: text(5000),
  contact,
  consent: fc.option(fc.record({ version: text(40), givenAt: isoDateTime }), { nil: null }),
})
const v1Registration = fc.record({
  startupId: text(60),
  name: text(200),
  siret: fc.stringMatching(/^\d{14}$/),
  city: text(100),
  territory: slug,
  website: fc.webUrl({ size: 'small' }),
  themes: fc.array(slug, { maxLength: 20 }),
  description: fc.string({ maxLength: 5000 }),
  contact,
})

describe('upcasting any stored version to the current one', () => {
  it.each([
    ['application.submitted', 2, applicationSubmittedV2, applicationSubmitted, v2Submission],
    ['application.held', 1, applicationHeldV1, applicationHeld, v2Submission],
    ['startup.registered', 1, startupRegisteredV1, startupRegistered, v1Registration],
  ] as const)(
    '%s v%i: never throws, and gives valid current data in French',
    (type, version, past, current, data) => {
      fc.assert(
        fc.property(data as fc.Arbitrary<Record<string, unknown>>, (candidate) => {
          fc.pre(past.strict().safeParse(candidate).success)
          const event = parseEnvelope(stored(type, version, candidate))
          expect(event.schemaVersion).toBe(currentSchemaVersion(type))
          expect(current.strict().parse(event.data)).toEqual({ ...candidate, language: 'fr' })
        }),
        { numRuns: 300 },
      )
    },
  )
})
