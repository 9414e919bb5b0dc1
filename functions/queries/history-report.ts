import {
  collections,
  type HistoryDoc,
  historyDoc,
  projectionNames,
} from '../../domain/projections/index.js'
import type { Table } from './csv.js'
import { currentTo, type ReadModelReader, readAll } from './read-model-reader.js'
import type { HistoryReport, HistoryRow } from './schemas.js'

const rowOf = (doc: HistoryDoc): HistoryRow => {
  const { statuses: _ledger, tally, awardIds, partnerIds, ...edition } = doc
  return { ...edition, ...tally, awards: awardIds.length, partners: partnerIds.length }
}

/** Per year: editions, applications, selected start-ups, awards, distinct partners. */
const yearsOf = (docs: readonly HistoryDoc[]): HistoryReport['years'] => {
  const years = [...new Set(docs.map((doc) => doc.year))].sort((a, b) => a - b)
  return years.map((year) => {
    const ofYear = docs.filter((doc) => doc.year === year)
    const sum = (count: (doc: HistoryDoc) => number) =>
      ofYear.reduce((total, doc) => total + count(doc), 0)
    return {
      year,
      editions: ofYear.length,
      applications: sum((doc) => doc.tally.applications),
      selected: sum((doc) => doc.tally.selected),
      awards: sum((doc) => doc.awardIds.length),
      partners: new Set(ofYear.flatMap((doc) => doc.partnerIds)).size,
    }
  })
}

/**
 * `GET /reports/history`: one row per edition (one Query of `history`), oldest
 * first, and the same figures per year for the year-over-year view.
 *
 * @example const { editions, years } = await loadHistory(reader)
 */
export const loadHistory = async (reader: ReadModelReader): Promise<HistoryReport> => {
  const position = await currentTo(reader, [projectionNames.history])
  const docs = await readAll(reader, collections.history, historyDoc)
  const ordered = docs.sort(
    (a, b) => a.startsOn.localeCompare(b.startsOn) || a.editionId.localeCompare(b.editionId),
  )
  return { currentTo: position, editions: ordered.map(rowOf), years: yearsOf(ordered) }
}

/**
 * The history as a spreadsheet: one row per edition.
 *
 * @example toCsv(historyTable(report))
 */
export const historyTable = (report: HistoryReport): Table<HistoryRow> => ({
  columns: [
    { header: 'Year', value: (row) => row.year },
    { header: 'Edition', value: (row) => row.name },
    { header: 'Show', value: (row) => row.show },
    { header: 'City', value: (row) => row.city },
    { header: 'Status', value: (row) => row.status },
    { header: 'Applications', value: (row) => row.applications },
    { header: 'Selected', value: (row) => row.selected },
    { header: 'Rejected', value: (row) => row.rejected },
    { header: 'Withdrawn', value: (row) => row.withdrawn },
    { header: 'Awards', value: (row) => row.awards },
    { header: 'Partners', value: (row) => row.partners },
  ],
  rows: report.editions,
})
