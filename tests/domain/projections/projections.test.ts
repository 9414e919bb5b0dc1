import { describe, expect, it } from 'vitest'
import { eventTypeNames } from '../../../domain/events/index.js'
import { projections } from '../../../domain/projections/index.js'
import { project } from './feed.js'
import { contact, story } from './scenario.js'

describe('the projections the projector runs', () => {
  it('have unique names, and handle only public event types', () => {
    const names = projections.map((projection) => projection.name)

    expect(new Set(names).size).toBe(names.length)
    expect(names.sort()).toEqual(
      ['awards', 'delegation', 'edition-summary', 'history', 'partners', 'startup-directory'],
    )
    for (const projection of projections) {
      for (const type of projection.eventTypes) expect(eventTypeNames).toContain(type)
    }
  })

  it.each(projections.map((projection) => [projection.name, projection] as const))(
    '%s keeps no personal data (contact people), nor the SIRET or the pitch',
    (_name, projection) => {
      const stored = JSON.stringify([...project(projection, story)])

      expect(stored).not.toContain(contact.email)
      expect(stored).not.toContain(contact.name)
      expect(stored).not.toContain('73282932000074')
      expect(stored).not.toContain('We make the region proud')
    },
  )

  it.each(projections.map((projection) => [projection.name, projection] as const))(
    '%s names only keys derived from the event, the same on a rebuild',
    (_name, projection) => {
      for (const event of story) {
        if (!projection.eventTypes.includes(event.type)) continue
        expect(projection.keysOf(event)).toEqual(projection.keysOf(structuredClone(event)))
      }
    },
  )
})
