import type { EditionPlan } from './editions.js'
import type { SeedStartup } from './startups.js'

/** The history the seed records, as plain data (built by build.ts, posted by run.ts). */

export type Outcome = 'selected' | 'rejected' | 'withdrawn'

export interface SeedApplication {
  readonly startup: SeedStartup
  readonly pitch: string
  readonly submittedAt: string
  readonly outcome: Outcome
  readonly decidedAt: string
  readonly reason: string
}

export interface SeedAward {
  readonly siret: string
  readonly award: 'honoree' | 'best-of-innovation'
  readonly category: string
  readonly at: string
}

export interface SeedPartnerJoin {
  readonly partnerId: string
  readonly name: string
  readonly kind: 'region' | 'metropolis' | 'agglomeration' | 'chamber-of-commerce'
  readonly contribution: string
  readonly at: string
}

export interface SeedEdition {
  readonly plan: EditionPlan
  readonly body: {
    readonly id: string
    readonly name: string
    readonly show: string
    readonly city: string
    readonly startsOn: string
    readonly endsOn: string
    readonly applicationDeadline: string
    readonly capacity: number
    readonly themes: string[]
  }
  readonly openedAt: string
  readonly applications: SeedApplication[]
  readonly awards: SeedAward[]
  readonly partners: SeedPartnerJoin[]
  readonly closedAt: string
}
