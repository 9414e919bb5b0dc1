import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  awardCategories,
  awardWon,
  categoryOf,
  currentSchemaVersion,
  eventTypeNames,
  parseEnvelope,
  schemaVersions,
  UnknownSchemaVersionError,
  upcastData,
} from '../../../domain/events/index.js'
import { awardWonV1, pastVersions } from '../../../domain/events/past-versions/index.js'

const v1 = (category: string) => ({
  awardId: 'award-1',
  editionId: 'ces-2019',
  startupId: 'startup-1',
  award: 'honoree' as const,
  category,
})

/** An `award.won` as the Events table held it before v2. */
const storedV1 = (data: unknown) => ({
  eventId: '01936f0e-7d6a-7c3e-9b1a-2f4e5d6c7b8a',
  streamId: 'edition-ces-2019',
  version: 12,
  type: 'award.won',
  schemaVersion: 1,
  data,
  metadata: { correlationId: 'c-1', actor: 'staff' },
  recordedAt: '2019-01-08T18:00:00.000Z',
})

describe('award categories', () => {
  it('finds a listed category by its name in any case, spacing, accents or with "and"', () => {
    expect(categoryOf('Sustainability, Eco-Design & Smart Energy')).toBe(
      'Sustainability, Eco-Design & Smart Energy',
    )
    expect(categoryOf('  sustainability eco design and smart energy ')).toBe(
      'Sustainability, Eco-Design & Smart Energy',
    )
    expect(categoryOf('HEALTH & WELLNESS')).toBe('Health & Wellness')
  })

  it('knows the words staff typed before the list, in English and French', () => {
    expect(categoryOf('Health')).toBe('Health & Wellness')
    expect(categoryOf('Santé')).toBe('Health & Wellness')
    expect(categoryOf('Smart City')).toBe('Smart Cities')
    expect(categoryOf('Ville intelligente')).toBe('Smart Cities')
    expect(categoryOf('Sustainability')).toBe('Sustainability, Eco-Design & Smart Energy')
  })

  it('guesses nothing: a text naming no category maps to none', () => {
    expect(categoryOf('Blockchain')).toBeUndefined()
    expect(categoryOf('Best start-up of the pavilion')).toBeUndefined()
  })

  it('lists every category once, and every alias points into the list', () => {
    expect(new Set(awardCategories).size).toBe(awardCategories.length)
    for (const name of awardCategories) expect(categoryOf(name)).toBe(name)
  })
})

describe('upcasting award.won v1 → v2', () => {
  it('turns a free-text category that names a listed one into it', () => {
    expect(upcastData('award.won', 1, v1('Santé'))).toEqual({ ...v1('Health & Wellness') })
  })

  it('keeps a text that names no category as typed, under Unlisted', () => {
    expect(upcastData('award.won', 1, v1('Blockchain & Web3'))).toEqual({
      ...v1('Unlisted'),
      categoryAsRecorded: 'Blockchain & Web3',
    })
  })

  it('reads a stored v1 envelope as the current version', () => {
    const event = parseEnvelope(storedV1(v1('Smart City')))
    expect(event.schemaVersion).toBe(2)
    expect(event.data).toEqual(v1('Smart Cities'))
  })

  it('validates v1 data by the v1 schema: unknown fields and bad values are refused', () => {
    expect(() => parseEnvelope(storedV1({ ...v1('Health'), extra: 1 }))).toThrow()
    expect(() => parseEnvelope(storedV1(v1('')))).toThrow()
  })

  it('passes current data through untouched, and refuses versions it does not know', () => {
    const current = v1('Health & Wellness')
    expect(upcastData('award.won', 2, current)).toBe(current)
    expect(() => upcastData('award.won', 3, current)).toThrow(UnknownSchemaVersionError)
    expect(() => upcastData('award.won', 0, current)).toThrow(UnknownSchemaVersionError)
    expect(() => upcastData('edition.closed', 2, { editionId: 'ces-2020' })).toThrow(
      UnknownSchemaVersionError,
    )
  })

  it('never throws for any v1 event the v1 schema accepts, and gives valid v2 data', () => {
    // Free text of every kind, and texts close to the listed names and aliases.
    const nearName = fc
      .tuple(fc.constantFrom(...awardCategories, 'health', 'santé', 'smart city'), fc.boolean())
      .map(([name, upper]) => (upper ? name.toUpperCase() : ` ${name.replace(/&/g, 'and')} `))
    const category = fc.oneof(
      fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }),
      nearName,
    )
    const data = fc.record({
      awardId: fc.string({ minLength: 1, maxLength: 40 }),
      editionId: fc.constantFrom('ces-2017', 'ces-2019', 'vivatech-2020'),
      startupId: fc.string({ minLength: 1, maxLength: 40 }),
      award: fc.constantFrom('honoree' as const, 'best-of-innovation' as const),
      category,
    })
    fc.assert(
      fc.property(data, (candidate) => {
        fc.pre(awardWonV1.strict().safeParse(candidate).success)
        const event = parseEnvelope(storedV1(candidate))
        expect(awardWon.strict().parse(event.data)).toEqual(event.data)
        expect(event.schemaVersion).toBe(currentSchemaVersion('award.won'))
        const { category: upcast, categoryAsRecorded } = awardWon.parse(event.data)
        // Either a listed category, or Unlisted with the text exactly as stored.
        if (upcast === 'Unlisted') expect(categoryAsRecorded).toBe(candidate.category)
        else expect(categoryAsRecorded).toBeUndefined()
      }),
      { numRuns: 500 },
    )
  })
})

describe('the version registry', () => {
  it('has every past version of every type, 1 to current - 1, in order', () => {
    for (const type of eventTypeNames) {
      const versions = schemaVersions(type).map((v) => v.schemaVersion)
      expect(versions).toEqual(Array.from({ length: currentSchemaVersion(type) }, (_, i) => i + 1))
    }
    for (const type of Object.keys(pastVersions)) expect(eventTypeNames).toContain(type)
  })
})
