import { describe, expect, it } from 'vitest'
import { slug } from '../../../domain/events/index.js'
import { isTerritory, territories, territorySlug } from '../../../domain/shared/territories.js'

describe('territories', () => {
  it('lists the territories the programme names', () => {
    expect(territories).toEqual(
      expect.arrayContaining([
        { slug: 'aix-marseille-provence', name: 'Aix-Marseille Provence' },
        { slug: 'toulon-provence-mediterranee', name: 'Toulon Provence Méditerranée' },
        { slug: 'nice-cote-d-azur', name: "Nice Côte d'Azur" },
        { slug: 'sophia-antipolis', name: 'Sophia-Antipolis' },
      ]),
    )
  })

  it('has unique slugs that fit the events’ slug schema', () => {
    const slugs = territories.map((territory) => territory.slug)
    expect(new Set(slugs).size).toBe(slugs.length)
    for (const value of slugs) expect(slug.parse(value)).toBe(value)
  })

  it('recognises published slugs only', () => {
    expect(isTerritory('grand-avignon')).toBe(true)
    expect(isTerritory('grand-paris')).toBe(false)
    expect(isTerritory('Nice-Cote-d-Azur')).toBe(false)
    expect(territorySlug.parse('hautes-alpes')).toBe('hautes-alpes')
    expect(territorySlug.safeParse('lyon').success).toBe(false)
  })
})
