import type { Theme } from './vocabulary.js'

/**
 * The programme's four CES delegations as the interview tells them: fifteen companies
 * in 2017, over sixty start-ups and ten Innovation Awards in 2019 (the largest French
 * delegation), about thirty in 2020 with the environment first. 2018 is invented
 * in between. Partners federate year after year.
 */
export interface EditionPlan {
  readonly id: string
  readonly year: number
  readonly startsOn: string
  readonly endsOn: string
  readonly capacity: number
  readonly themes: readonly Theme[]
  /** How much likelier each theme is than the others among applicants (1 = no preference). */
  readonly themeBias: Partial<Record<Theme, number>>
  readonly selected: number
  readonly rejected: number
  readonly withdrawn: number
  /** Applicants who had already applied to an earlier edition. */
  readonly returning: number
  readonly awards: { readonly bestOfInnovation: number; readonly honorees: number }
  readonly partners: readonly PartnerId[]
}

export const partners = {
  'region-sud': {
    name: 'Région Sud',
    kind: 'region',
    contribution: 'Organises the delegation and funds the Région Sud pavilion in Eureka Park',
  },
  'aix-marseille-provence': {
    name: 'Métropole Aix-Marseille Provence',
    kind: 'metropolis',
    contribution: 'Co-funds the stands of the start-ups of its territory',
  },
  'nice-cote-d-azur': {
    name: "Métropole Nice Côte d'Azur",
    kind: 'metropolis',
    contribution: 'Co-funds the stands and hosts the smart-city showcase',
  },
  'toulon-provence-mediterranee': {
    name: 'Métropole Toulon Provence Méditerranée',
    kind: 'metropolis',
    contribution: 'Co-funds the stands of its maritime and defence start-ups',
  },
  'sophia-antipolis': {
    name: "Communauté d'agglomération Sophia Antipolis",
    kind: 'agglomeration',
    contribution: 'Co-funds the stands of the technopole’s start-ups',
  },
  'cci-provence-alpes-cote-d-azur': {
    name: "CCI Provence-Alpes-Côte d'Azur",
    kind: 'chamber-of-commerce',
    contribution: 'Coaches the start-ups and organises the business meetings in Las Vegas',
  },
} as const

export type PartnerId = keyof typeof partners

const everyPartner: readonly PartnerId[] = [
  'region-sud',
  'aix-marseille-provence',
  'nice-cote-d-azur',
  'toulon-provence-mediterranee',
  'sophia-antipolis',
  'cci-provence-alpes-cote-d-azur',
]

export const editionPlans: readonly EditionPlan[] = [
  {
    id: 'ces-2017',
    year: 2017,
    startsOn: '2017-01-05',
    endsOn: '2017-01-08',
    capacity: 20,
    themes: [],
    themeBias: {},
    selected: 15,
    rejected: 5,
    withdrawn: 1,
    returning: 0,
    awards: { bestOfInnovation: 0, honorees: 1 },
    partners: ['region-sud'],
  },
  {
    id: 'ces-2018',
    year: 2018,
    startsOn: '2018-01-09',
    endsOn: '2018-01-12',
    capacity: 45,
    themes: ['health', 'smart-city', 'mobility', 'ai'],
    themeBias: { health: 2, 'smart-city': 2 },
    selected: 40,
    rejected: 12,
    withdrawn: 1,
    returning: 8,
    awards: { bestOfInnovation: 0, honorees: 3 },
    partners: ['region-sud', 'aix-marseille-provence', 'nice-cote-d-azur'],
  },
  {
    id: 'ces-2019',
    year: 2019,
    startsOn: '2019-01-08',
    endsOn: '2019-01-11',
    capacity: 70,
    themes: ['health', 'smart-city', 'mobility', 'ai', 'energy', 'maritime'],
    themeBias: { ai: 2, health: 2 },
    selected: 62,
    rejected: 20,
    withdrawn: 2,
    returning: 18,
    awards: { bestOfInnovation: 2, honorees: 8 },
    partners: everyPartner,
  },
  {
    id: 'ces-2020',
    year: 2020,
    startsOn: '2020-01-07',
    endsOn: '2020-01-10',
    capacity: 30,
    themes: ['environment', 'energy', 'health', 'mobility', 'smart-city'],
    themeBias: { environment: 6, energy: 2 },
    selected: 30,
    rejected: 18,
    withdrawn: 2,
    returning: 12,
    awards: { bestOfInnovation: 1, honorees: 4 },
    partners: everyPartner,
  },
]
