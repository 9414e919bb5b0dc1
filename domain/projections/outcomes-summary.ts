import { z } from 'zod'
import { dealValueBand, dealValueBands, type DealValueBand } from '../events/index.js'
import { byCodeUnits, own } from './draft-ops.js'
import { type EditionOutcomesDoc, type SummedFigure, summedFigures } from './outcomes.js'

/**
 * Fewer members than this behind a figure, and the figure would be one member's own (a
 * total of one is its amount): it is withheld. The statisticians' threshold rule; staff, who
 * may see every report, ask with 1.
 */
export const minimumContributors = 3

const perFigure = <T extends z.ZodType>(schema: T) =>
  z.object(Object.fromEntries(summedFigures.map((f) => [f, schema])) as Record<SummedFigure, T>)

/**
 * Medians where they mean something: counts over every answer (half the members made at
 * least this many contacts), funds over the members who raised some and the deals' value
 * band over those who signed some (over every answer both would mostly be nothing).
 */
export const outcomeMedians = z.object({
  businessContacts: z.number(),
  dealsSigned: z.number(),
  pressArticles: z.number(),
  jobsCreated: z.number(),
  jobsPlanned: z.number(),
  fundsRaisedEur: z.number().nullable(),
  dealsValueBand: dealValueBand.nullable(),
})

/**
 * What an edition's members brought back, aggregates only: no member is named and no figure
 * stands for fewer than `minimumContributors` members. `figures` is null while fewer
 * members than that answered; a total is null when fewer than that put something in it
 * (and more than none).
 */
export const outcomesSummary = z.object({
  editionId: z.string(),
  editionName: z.string(),
  year: z.number().int(),
  members: z.number().int(),
  answered: z.number().int(),
  figures: z
    .object({
      totals: perFigure(z.number().int().nullable()),
      /** How many members put something (more than zero) in each figure. */
      contributors: perFigure(z.number().int()),
      medians: outcomeMedians,
      /** Members per value band of their deals, every band listed; null when too few signed any. */
      dealsByBand: z.record(dealValueBand, z.number().int()).nullable(),
    })
    .nullable(),
})
export type OutcomesSummary = z.infer<typeof outcomesSummary>

/**
 * The median of numbers (the mean of the two middle ones for an even count).
 *
 * @example median([0, 3, 40, 7]) // 5
 */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length % 2 === 1) return sorted[middle] as number
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** The middle band of some (the lower of the two middle ones: bands have no mean). */
const medianBand = (bands: readonly DealValueBand[]): DealValueBand => {
  const sorted = [...bands].sort((a, b) => dealValueBands.indexOf(a) - dealValueBands.indexOf(b))
  return sorted[Math.floor((sorted.length - 1) / 2)] as DealValueBand
}

const figuresOf = (doc: EditionOutcomesDoc, minimum: number) => {
  const reports = Object.values(doc.reports)
  const enough = (count: number) => count >= minimum
  const contributors = perFigure(z.number()).parse(
    Object.fromEntries(summedFigures.map((f) => [f, reports.filter((r) => r[f] > 0).length])),
  )
  const totals = Object.fromEntries(
    summedFigures.map((f) => [
      f,
      contributors[f] === 0 || enough(contributors[f]) ? doc.totals[f] : null,
    ]),
  ) as Record<SummedFigure, number | null>
  const values = (f: SummedFigure) => reports.map((report) => report[f])
  const raised = values('fundsRaisedEur').filter((amount) => amount > 0)
  const bands = reports.flatMap((report) => (report.dealsValueBand ? [report.dealsValueBand] : []))
  const medians = {
    businessContacts: median(values('businessContacts')),
    dealsSigned: median(values('dealsSigned')),
    pressArticles: median(values('pressArticles')),
    jobsCreated: median(values('jobsCreated')),
    jobsPlanned: median(values('jobsPlanned')),
    fundsRaisedEur: enough(raised.length) ? median(raised) : null,
    dealsValueBand: enough(bands.length) ? medianBand(bands) : null,
  }
  const byBand = (band: DealValueBand) => [band, own(doc.dealsByBand, band) ?? 0] as const
  const dealsByBand = enough(bands.length)
    ? (Object.fromEntries(dealValueBands.map(byBand)) as Record<DealValueBand, number>)
    : null
  return { totals, contributors, medians, dealsByBand }
}

/**
 * An edition's outcomes as aggregates, from its staff-only document: what reports, the
 * dashboard and anything that may reach partners show.
 *
 * @example summariseOutcomes(doc).figures?.medians.businessContacts // 35
 * @example summariseOutcomes(doc, { minimumContributors: 1 }) // staff: nothing withheld
 */
export const summariseOutcomes = (
  doc: EditionOutcomesDoc,
  { minimumContributors: minimum = minimumContributors } = {},
): OutcomesSummary => {
  const { editionId, editionName, year, answered } = doc
  const figures = answered >= Math.max(1, minimum) ? figuresOf(doc, minimum) : null
  return { editionId, editionName, year, members: doc.tally.selected, answered, figures }
}

/**
 * Year over year: each edition's summary, by year (then by id: two shows in one year).
 *
 * @example outcomesYearOverYear(docs).map((row) => row.year) // [2019, 2020]
 */
export const outcomesYearOverYear = (
  docs: readonly EditionOutcomesDoc[],
  options: { minimumContributors?: number } = {},
): OutcomesSummary[] =>
  docs
    .map((doc) => summariseOutcomes(doc, options))
    .sort((a, b) => a.year - b.year || byCodeUnits(a.editionId, b.editionId))
