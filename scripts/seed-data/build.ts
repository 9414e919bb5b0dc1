import { type EditionPlan, editionPlans, partners } from './editions.js'
import { prng, type Random } from './prng.js'
import { type SeedStartup, startupFactory } from './startups.js'
import type { Outcome, SeedApplication, SeedEdition } from './types.js'
import { awardCategories } from './vocabulary.js'

export type * from './types.js'

const pad = (n: number) => String(n).padStart(2, '0')

/** `days` after `from`, at a Paris wall-clock time with its offset (+02:00 in summer). */
const at = (from: string, days: number, time: readonly [number, number], offset: string) => {
  const day = new Date(Date.parse(`${from}T12:00:00Z`) + days * 86_400_000).toISOString()
  return `${day.slice(0, 10)}T${pad(time[0])}:${pad(time[1])}:00${offset}`
}

/** A random office hour. */
const officeHour = (random: Random) => [random.int(9, 17), random.int(0, 59)] as const

interface Context {
  readonly random: Random
  /** Every start-up that applied to an earlier edition. */
  readonly pool: SeedStartup[]
  readonly invent: ReturnType<typeof startupFactory>
}

const reasons: Record<Outcome, string> = {
  selected: 'Selected by the jury of the Région Sud',
  rejected: 'The jury preferred projects closer to the edition’s themes',
  withdrawn: 'The start-up could not fund the trip this year',
}

/** Who goes: the best scores, the edition's favoured themes scoring higher. */
const outcomesOf = (plan: EditionPlan, { random, pool, invent }: Context) => {
  const total = plan.selected + plan.rejected + plan.withdrawn
  const returning = random.shuffle(pool).slice(0, plan.returning)
  const fresh = Array.from({ length: total - returning.length }, () => invent(plan.themeBias))
  pool.push(...fresh)
  const scored = [...returning, ...fresh].map((startup) => {
    const bias = Math.max(...startup.themes.map((theme) => plan.themeBias[theme] ?? 1))
    return { startup, score: random.next() + (bias - 1) * 0.25 }
  })
  scored.sort((a, b) => b.score - a.score)
  const others = random.shuffle(scored.slice(plan.selected)).map(({ startup }, i) => ({
    startup,
    outcome: i < plan.withdrawn ? ('withdrawn' as const) : ('rejected' as const),
  }))
  const selected = scored
    .slice(0, plan.selected)
    .map(({ startup }) => ({ startup, outcome: 'selected' as const }))
  return [...selected, ...others]
}

/** Applications from June to the deadline; withdrawals early October, then the jury. */
const applicationsOf = (plan: EditionPlan, context: Context): SeedApplication[] => {
  const { random } = context
  const prior = plan.year - 1
  return outcomesOf(plan, context)
    .map(({ startup, outcome }) => ({
      startup,
      outcome,
      pitch: `Au CES ${plan.year}, ${startup.name} présente ${startup.product}.`,
      submittedAt: at(`${prior}-06-01`, random.int(0, 119), officeHour(random), '+02:00'),
      decidedAt:
        outcome === 'withdrawn'
          ? at(`${prior}-10-01`, random.int(0, 4), officeHour(random), '+02:00')
          : at(`${prior}-10-12`, random.int(0, 6), officeHour(random), '+02:00'),
      reason: reasons[outcome],
    }))
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))
}

const editionOf = (plan: EditionPlan, context: Context): SeedEdition => {
  const { random } = context
  const prior = plan.year - 1
  const applications = applicationsOf(plan, context)
  const { bestOfInnovation, honorees } = plan.awards
  const winners = random.shuffle(applications.filter((a) => a.outcome === 'selected'))
  const awards = winners.slice(0, bestOfInnovation + honorees).map(({ startup }, i) => ({
    siret: startup.siret,
    award: i < bestOfInnovation ? ('best-of-innovation' as const) : ('honoree' as const),
    category: awardCategories[startup.themes[0]!],
    at: at(`${prior}-11-06`, random.int(0, 3), [17, 0], '+01:00'),
  }))
  return {
    plan,
    body: {
      id: plan.id,
      name: `CES Las Vegas ${plan.year}`,
      show: 'CES',
      city: 'Las Vegas',
      startsOn: plan.startsOn,
      endsOn: plan.endsOn,
      applicationDeadline: `${prior}-09-30T23:59:59+02:00`,
      capacity: plan.capacity,
      themes: [...plan.themes],
    },
    openedAt: `${prior}-05-15T10:00:00+02:00`,
    applications,
    awards,
    partners: plan.partners.map((partnerId, i) => ({
      partnerId,
      ...partners[partnerId],
      at: at(`${prior}-12-02`, i, [11, 0], '+01:00'),
    })),
    closedAt: `${plan.year}-01-31T18:00:00+01:00`,
  }
}

/**
 * The programme's history from CES 2017 to CES 2020, the same on every run (seeded PRNG):
 * what `npm run seed` records through the command API.
 *
 * @example const editions = buildSeedHistory(); editions[2]?.awards.length // 10
 */
export const buildSeedHistory = (seed = 20_170_105): SeedEdition[] => {
  const random = prng(seed)
  const context = { random, pool: [], invent: startupFactory(random) }
  return editionPlans.map((plan) => editionOf(plan, context))
}
