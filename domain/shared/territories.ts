import { z } from 'zod'

/**
 * The published territories of the Région Sud programme: the metropolises, the
 * agglomeration communities and technopole that partner it, and the two alpine
 * departments covered as a whole. Slugs are public (events, reports): never rename one.
 */
export const territories = [
  { slug: 'aix-marseille-provence', name: 'Aix-Marseille Provence' },
  { slug: 'toulon-provence-mediterranee', name: 'Toulon Provence Méditerranée' },
  { slug: 'nice-cote-d-azur', name: "Nice Côte d'Azur" },
  { slug: 'sophia-antipolis', name: 'Sophia-Antipolis' },
  { slug: 'cannes-pays-de-lerins', name: 'Cannes Pays de Lérins' },
  { slug: 'esterel-cote-d-azur', name: "Estérel Côte d'Azur" },
  { slug: 'dracenie-provence-verdon', name: 'Dracénie Provence Verdon' },
  { slug: 'grand-avignon', name: 'Grand Avignon' },
  { slug: 'arles-crau-camargue-montagnette', name: 'Arles Crau Camargue Montagnette' },
  { slug: 'alpes-de-haute-provence', name: 'Alpes-de-Haute-Provence' },
  { slug: 'hautes-alpes', name: 'Hautes-Alpes' },
] as const satisfies readonly { slug: string; name: string }[]

export type Territory = (typeof territories)[number]
export type TerritorySlug = Territory['slug']

const territorySlugs = territories.map((territory) => territory.slug) as [
  TerritorySlug,
  ...TerritorySlug[],
]

/**
 * Whether a slug names a published territory.
 *
 * @example isTerritory('nice-cote-d-azur') // true
 */
export const isTerritory = (slug: string): slug is TerritorySlug =>
  territories.some((territory) => territory.slug === slug)

/**
 * Zod schema for a territory slug, for commands and request bodies.
 *
 * @example territorySlug.parse('grand-avignon')
 */
export const territorySlug = z.enum(territorySlugs)
