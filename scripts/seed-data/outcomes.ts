import type { DealValueBand, OutcomeFigures, OutcomesReporter } from '../../domain/events/index.js'
import type { ReportOutcomes } from '../../domain/outcomes/index.js'
import { buildSeedHistory } from './build.js'
import { prng, type Random } from './prng.js'
import type { SeedEdition } from './types.js'

/**
 * A member's report of what it brought back, as the seed would record it. The member is named
 * by its SIRET, as awards are: its start-up id is what the API answered when it applied.
 */
export interface SeedOutcomeReport {
  readonly editionId: string
  readonly siret: string
  /** 1, or 2 for staff's correction of the start-up's report. */
  readonly revision: number
  readonly figures: OutcomeFigures
  readonly reportedBy: OutcomesReporter
  readonly noteForStaff?: string
  /** When it was reported: the command's `now` (`occurredAt` through the API). */
  readonly at: string
}

/** Who answered the survey after each show, when, and how many reports staff corrected. */
const plans: Record<string, { answering: number; from: string; days: number; corrected: number }> =
  {
    'ces-2019': { answering: 0.65, from: '2019-02-04', days: 60, corrected: 3 },
    'ces-2020': { answering: 0.75, from: '2020-01-27', days: 40, corrected: 2 },
  }

const notes = [
  'Rendez-vous de suivi avec un distributeur nord-américain prévu au printemps.',
  'Deux preuves de concept en cours avec des industriels rencontrés sur le stand.',
  'Contact avec un fonds de Los Angeles ; levée envisagée pour la fin de l’année.',
  'Souhaite revenir l’an prochain avec le pavillon Région Sud.',
  'Recrutements décalés faute de visa pour l’ingénieur commercial.',
] as const

/** A log-normal draw around `median` (Box–Muller from the seeded generator). */
const around = (random: Random, median: number, spread: number) => {
  const normal = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next())
  return median * Math.exp(spread * normal)
}

const bandOf = (random: Random, deals: number): DealValueBand | null => {
  if (deals === 0) return null
  return deals === 1
    ? random.weighted([
        ['under-10k', 3],
        ['10k-100k', 4],
        ['100k-1m', 1],
      ] as const)
    : random.weighted([
        ['10k-100k', 3],
        ['100k-1m', 3],
        ['1m-10m', 0.5],
      ] as const)
}

/** What one member brought back: most made contacts, about half signed deals, few raised funds. */
const figuresOf = (random: Random, awarded: boolean): OutcomeFigures => {
  const dealsSigned =
    random.next() < 0.45
      ? 0
      : random.weighted([
          [1, 5],
          [2, 3],
          [3, 2],
          [4, 1],
          [5, 1],
        ] as const)
  const raised = random.next() < 0.22
  const jobsCreated = random.weighted([
    [0, 5],
    [1, 4],
    [2, 2],
    [3, 1],
    [5, 0.5],
  ] as const)
  return {
    businessContacts: Math.min(400, Math.round(around(random, awarded ? 45 : 30, 0.7))),
    dealsSigned,
    dealsValueBand: bandOf(random, dealsSigned),
    fundsRaisedEur: raised
      ? Math.max(50_000, Math.round(around(random, 400_000, 0.8) / 10_000) * 10_000)
      : 0,
    pressArticles: random.next() < 0.15 ? 0 : Math.round(around(random, awarded ? 6 : 2.5, 0.8)),
    jobsCreated,
    jobsPlanned:
      jobsCreated +
      random.weighted([
        [0, 2],
        [1, 3],
        [2, 3],
        [3, 2],
        [5, 1],
        [8, 0.5],
      ] as const),
  }
}

/** `days` after `from`, at an office hour, Paris winter or summer time. */
const on = (from: string, days: number, random: Random) => {
  const day = new Date(Date.parse(`${from}T12:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10)
  const month = Number(day.slice(5, 7))
  const hour = String(random.int(9, 18)).padStart(2, '0')
  return `${day}T${hour}:${String(random.int(0, 59)).padStart(2, '0')}:00${month >= 4 && month <= 10 ? '+02:00' : '+01:00'}`
}

const reportsOf = (edition: SeedEdition, random: Random): SeedOutcomeReport[] => {
  const plan = plans[edition.body.id]
  if (plan === undefined) return []
  const awarded = new Set(edition.awards.map((award) => award.siret))
  const members = edition.applications.filter((application) => application.outcome === 'selected')
  const answers = members
    .filter(() => random.next() < plan.answering)
    .map(({ startup: { siret } }): SeedOutcomeReport => {
      const note = random.next() < 0.35 ? { noteForStaff: random.pick(notes) } : {}
      const figures = figuresOf(random, awarded.has(siret))
      const at = on(plan.from, random.int(0, plan.days), random)
      return {
        editionId: edition.body.id,
        siret,
        revision: 1,
        figures,
        reportedBy: { by: 'startup' },
        ...note,
        at,
      }
    })
  // Staff call back a few members and correct their reports: contacts counted again, a deal signed since.
  const corrections = random
    .shuffle(answers)
    .slice(0, plan.corrected)
    .map((first): SeedOutcomeReport => {
      const dealsSigned = first.figures.dealsSigned + 1
      const figures = {
        ...first.figures,
        businessContacts: first.figures.businessContacts + random.int(3, 20),
        dealsSigned,
        dealsValueBand: first.figures.dealsValueBand ?? bandOf(random, dealsSigned),
      }
      const at = on(first.at.slice(0, 10), random.int(20, 40), random)
      return {
        ...first,
        revision: 2,
        figures,
        reportedBy: { by: 'staff', staffMember: 'seed' },
        at,
      }
    })
  return [...answers, ...corrections].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
}

/**
 * The outcomes the members of the CES 2019 and CES 2020 delegations reported after the show,
 * from the seed's history (not every member answers; a few reports corrected by staff). The
 * same on every run (seeded PRNG).
 *
 * @example buildSeedOutcomes().filter((r) => r.editionId === 'ces-2020').length // ~25
 */
export const buildSeedOutcomes = (
  history: readonly SeedEdition[] = buildSeedHistory(),
  seed = 20_190_204,
): SeedOutcomeReport[] => {
  const random = prng(seed)
  return history.flatMap((edition) => reportsOf(edition, random))
}

/**
 * A seed report as the outcomes decider's command, once the member's start-up id is known.
 *
 * @example toReportOutcomes(report, startupIds.get(report.siret))
 */
export const toReportOutcomes = (report: SeedOutcomeReport, startupId: string): ReportOutcomes => {
  const { editionId, figures, reportedBy, noteForStaff, at } = report
  const note = noteForStaff === undefined ? {} : { noteForStaff }
  return { type: 'ReportOutcomes', editionId, startupId, ...figures, reportedBy, ...note, now: at }
}
