import {
  collections,
  editionOutcomesDoc,
  minimumContributors,
  type OutcomesSummary,
  outcomesYearOverYear,
  projectionNames,
  type SummedFigure,
  summariseOutcomes,
  summedFigures,
} from '../../domain/projections/index.js'
import type { Table } from './csv.js'
import type { EditionOutcomesReport, OutcomesReport } from './outcome-schemas.js'
import { currentTo, type ReadModelReader, readAll, readDoc } from './read-model-reader.js'

/** The figures as a report's reader names them. */
export const figureNames: Record<SummedFigure, string> = {
  businessContacts: 'Business contacts',
  dealsSigned: 'Deals signed',
  fundsRaisedEur: 'Funds raised (EUR)',
  pressArticles: 'Press articles',
  jobsCreated: 'Jobs created',
  jobsPlanned: 'Jobs planned',
}

/**
 * `GET /reports/editions/{editionId}/outcomes`: what an edition's members brought back,
 * as aggregates (one key lookup of the staff-only document, summarised here: no member's
 * own figures leave it). Undefined for an unknown edition.
 *
 * @example const report = await loadEditionOutcomes(reader, 'ces-2020')
 */
export const loadEditionOutcomes = async (reader: ReadModelReader, editionId: string): Promise<EditionOutcomesReport | undefined> => {
  const position = await currentTo(reader, [projectionNames.outcomes])
  const doc = await readDoc(reader, collections.editionOutcomes, editionId, editionOutcomesDoc)
  if (doc === undefined) return undefined
  return { currentTo: position, minimumContributors, ...summariseOutcomes(doc) }
}

/**
 * `GET /reports/outcomes`: every edition's outcomes, year over year (one Query).
 *
 * @example const { editions } = await loadOutcomes(reader)
 */
export const loadOutcomes = async (reader: ReadModelReader): Promise<OutcomesReport> => {
  const position = await currentTo(reader, [projectionNames.outcomes])
  const docs = await readAll(reader, collections.editionOutcomes, editionOutcomesDoc)
  return { currentTo: position, minimumContributors, editions: outcomesYearOverYear(docs) }
}

interface FigureRow {
  readonly summary: OutcomesSummary
  readonly figure: SummedFigure
}

const figuresOf = (summary: OutcomesSummary) => summary.figures

/**
 * An edition's outcomes as a spreadsheet: one row per figure, its total, how many members
 * contributed to it and its median; cells withheld for too few members are empty.
 *
 * @example toCsv(editionOutcomesTable(report))
 */
export const editionOutcomesTable = (report: EditionOutcomesReport): Table<FigureRow> => ({
  columns: [
    { header: 'Year', value: ({ summary }) => summary.year },
    { header: 'Edition', value: ({ summary }) => summary.editionName },
    { header: 'Members', value: ({ summary }) => summary.members },
    { header: 'Answered', value: ({ summary }) => summary.answered },
    { header: 'Figure', value: ({ figure }) => figureNames[figure] },
    { header: 'Total', value: ({ summary, figure }) => figuresOf(summary)?.totals[figure] ?? undefined },
    { header: 'Contributors', value: ({ summary, figure }) => figuresOf(summary)?.contributors[figure] },
    { header: 'Median', value: ({ summary, figure }) => figuresOf(summary)?.medians[figure] ?? undefined },
  ],
  rows: summedFigures.map((figure) => ({ summary: report, figure })),
})

/**
 * Year over year as a spreadsheet: one row per edition, each figure's total and median
 * (the median of funds over the members who raised some, of the deals' value band over
 * those who signed some).
 *
 * @example toCsv(outcomesTable(report))
 */
export const outcomesTable = (report: OutcomesReport): Table<OutcomesSummary> => ({
  columns: [
    { header: 'Year', value: (row) => row.year },
    { header: 'Edition', value: (row) => row.editionName },
    { header: 'Members', value: (row) => row.members },
    { header: 'Answered', value: (row) => row.answered },
    ...summedFigures.flatMap((figure) => [
      { header: `${figureNames[figure]}: total`, value: (row: OutcomesSummary) => figuresOf(row)?.totals[figure] ?? undefined },
      { header: `${figureNames[figure]}: median`, value: (row: OutcomesSummary) => figuresOf(row)?.medians[figure] ?? undefined },
    ]),
    { header: 'Deals value: median band', value: (row) => figuresOf(row)?.medians.dealsValueBand ?? undefined },
  ],
  rows: report.editions,
})
