import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseEnvelope } from '../../../domain/events/index.js'
import { projections, type FeedEvent, type Projection } from '../../../domain/projections/index.js'
import { fold } from './feed.js'
import { interleave, programme } from './programme.js'

/** What readers and the projector would find: each document and whether it is shown. */
const documentsOf = (projection: Projection<unknown>, events: readonly FeedEvent[]) =>
  new Map([...fold(projection, events)].map(([id, { doc, hidden }]) => [id, { doc, hidden }]))

const seed = fc.integer({ min: 1, max: 2 ** 30 })
const choices = fc.array(fc.nat({ max: 1_000 }), { minLength: 1, maxLength: 300 })

describe.each(projections.map((projection) => [projection.name, projection] as const))(
  'the %s projection, on a Feed that keeps each stream’s order but not the order between them',
  (_name, projection) => {
    it('gives the same documents whatever the interleaving of the streams', () => {
      fc.assert(fc.property(seed, choices, choices, (programmeSeed, one, other) => {
        const events = programme(programmeSeed)

        const expected = documentsOf(projection, events)

        expect(documentsOf(projection, interleave(events, one))).toEqual(expected)
        expect(documentsOf(projection, interleave(events, other))).toEqual(expected)
      }), { numRuns: 150 })
    })

    it('gives the same documents for the same events seen so far, at any point', () => {
      fc.assert(fc.property(seed, choices, choices, fc.nat(), (programmeSeed, one, other, cut) => {
        const seen = interleave(programme(programmeSeed), one)
        const prefix = seen.slice(0, cut % (seen.length + 1))

        const reordered = interleave(prefix, other)

        expect(documentsOf(projection, reordered)).toEqual(documentsOf(projection, prefix))
      }), { numRuns: 150 })
    })
  },
)

/** Whether some event of type `later` comes before the `earlier` one it refers to. */
const inverted = (events: readonly FeedEvent[], earlier: string, later: string, on: string[]) => {
  const seen = new Set<string>()
  for (const event of events) {
    const ref = JSON.stringify(on.map((field) => (event.data as Record<string, unknown>)[field]))
    if (event.type === earlier) seen.add(ref)
    if (event.type === later && !seen.has(ref)) return true
  }
  return false
}

describe('the interleavings the property tests try', () => {
  it('hold every cross-stream case: early applications, awards, joins, reports, late registrations', () => {
    const samples = fc.sample(fc.tuple(seed, choices), { numRuns: 50, seed: 42 })
    const feeds = samples.map(([programmeSeed, some]) => interleave(programme(programmeSeed), some))

    const cases = (earlier: string, later: string, ...on: string[]) =>
      feeds.filter((feed) => inverted(feed, earlier, later, on)).length

    expect(cases('edition.opened', 'application.submitted', 'editionId')).toBeGreaterThan(5)
    expect(cases('application.selected', 'award.won', 'editionId', 'startupId')).toBeGreaterThan(5)
    expect(cases('startup.registered', 'application.submitted', 'startupId')).toBeGreaterThan(5)
    expect(cases('partner.registered', 'partner.joined', 'partnerId')).toBeGreaterThan(5)
    expect(cases('edition.opened', 'outcomes.reported', 'editionId')).toBeGreaterThan(5)
    expect(cases('application.selected', 'outcomes.reported', 'editionId', 'startupId')).toBeGreaterThan(5)
    expect(cases('export.prospection-recorded', 'export.support-recorded', 'period')).toBeGreaterThan(5)
  })
})

describe('the programme', () => {
  it('is made of valid events', () => {
    for (const event of programme(3)) expect(() => parseEnvelope(event)).not.toThrow()
  })
})
