import { describe, expect, it } from 'vitest'
import { eventTypeNames } from '../../../domain/events/index.js'
import { projections } from '../../../domain/projections/index.js'
import { project } from './feed.js'
import { programme } from './programme.js'
import { contact, story } from './scenario.js'

describe('the projections the projector runs', () => {
  it('have unique names, and handle only public event types', () => {
    const names = projections.map((projection) => projection.name)

    expect(new Set(names).size).toBe(names.length)
    expect(names.sort()).toEqual(
      [
        'awards',
        'delegation',
        'edition-summary',
        'export-figures',
        'held-applications',
        'history',
        'outcomes',
        'partners',
        'startup-directory',
      ],
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

/**
 * Every object and array of a document by path (records by key, arrays whole: an insert
 * moves their items), to tell a draft changed in place from a copy.
 */
const containers = (value: unknown, path = '', found = new Map<string, object>()) => {
  if (typeof value !== 'object' || value === null) return found
  found.set(path, value)
  if (!Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) containers(inner, `${path}/${key}`, found)
  }
  return found
}

describe('the projections’ folds', () => {
  it.each(projections.map((projection) => [projection.name, projection] as const))(
    '%s changes its drafts in place: no event copies a document, a map or a list',
    (_name, projection) => {
      const docs = new Map<string, Record<string, unknown> | undefined>()
      let copies: string[] = []
      for (const event of programme(11)) {
        if (!projection.eventTypes.includes(event.type)) continue
        for (const key of projection.keysOf(event)) {
          const id = `${key.collection}/${key.id}`
          const draft = docs.get(id)
          const before = containers(draft)
          const next = projection.evolve(draft, event, key)
          const after = containers(next)
          for (const [path, object] of before) {
            const copied = after.has(path) && after.get(path) !== object
            if (copied) copies.push(`${event.type} ${id}${path}`)
          }
          docs.set(id, next)
        }
      }
      copies = [...new Set(copies)]

      expect(docs.size).toBeGreaterThan(0)
      expect(copies).toEqual([])
    },
  )
})
