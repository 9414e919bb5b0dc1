import {
  collections,
  type EditionSummaryDoc,
  editionSummaryDoc,
  projectionNames,
  type Tally,
} from '../../domain/projections/index.js'
import type { Table } from './csv.js'
import { territoryName } from './labels.js'
import { currentTo, type ReadModelReader, readDoc } from './read-model-reader.js'
import type { EditionReport } from './schemas.js'

/** Biggest first: most selected, then most applications, then by key. */
const ranked = <Row extends Tally>(rows: Row[], keyOf: (row: Row) => string) =>
  rows.sort(
    (a, b) =>
      b.selected - a.selected ||
      b.applications - a.applications ||
      keyOf(a).localeCompare(keyOf(b)),
  )

/**
 * The edition's summary document as the report shows it (bookkeeping left out).
 *
 * @example editionReportOf(summary, 1234).counts.selected // 30
 */
const editionReportOf = (doc: EditionSummaryDoc, position: number): EditionReport => {
  const { applications: _ledger, tally, byTerritory, byTheme, awards, partners, ...edition } = doc
  const levels = Object.values(awards).map((entry) => entry.award)
  return {
    currentTo: position,
    edition,
    counts: { ...tally, awards: levels.length, partners: Object.keys(partners).length },
    awardsByLevel: {
      'best-of-innovation': levels.filter((level) => level === 'best-of-innovation').length,
      honoree: levels.filter((level) => level === 'honoree').length,
    },
    partners: Object.entries(partners).map(([partnerId, partner]) => ({ partnerId, ...partner })),
    byTerritory: ranked(
      Object.entries(byTerritory).map(([slug, counts]) => ({
        territory: slug,
        territoryName: territoryName(slug),
        ...counts,
      })),
      (row) => row.territory,
    ),
    byTheme: ranked(
      Object.entries(byTheme).map(([theme, counts]) => ({ theme, ...counts })),
      (row) => row.theme,
    ),
  }
}

/**
 * `GET /reports/editions/{editionId}`: one key lookup; undefined for an unknown edition.
 * The checkpoint is read before the document, so the answer is never older than it says.
 *
 * @example const report = await loadEditionReport(reader, 'ces-2020')
 */
export const loadEditionReport = async (reader: ReadModelReader, editionId: string) => {
  const position = await currentTo(reader, [projectionNames.editionSummary])
  const doc = await readDoc(reader, collections.editionSummary, editionId, editionSummaryDoc)
  return doc && editionReportOf(doc, position)
}

interface BreakdownRow extends Tally {
  readonly breakdown: 'total' | 'territory' | 'theme'
  readonly key: string
  readonly label: string
}

/**
 * The edition's figures as rows: the total, then per territory, then per theme.
 *
 * @example toCsv(editionTable(report))
 */
export const editionTable = (report: EditionReport): Table<BreakdownRow> => {
  const { edition, counts } = report
  return {
    columns: [
      { header: 'Breakdown', value: (row) => row.breakdown },
      { header: 'Key', value: (row) => row.key },
      { header: 'Label', value: (row) => row.label },
      { header: 'Applications', value: (row) => row.applications },
      { header: 'Awaiting decision', value: (row) => row.submitted },
      { header: 'Selected', value: (row) => row.selected },
      { header: 'Rejected', value: (row) => row.rejected },
      { header: 'Withdrawn', value: (row) => row.withdrawn },
    ],
    rows: [
      { breakdown: 'total', key: edition.editionId, label: edition.name, ...counts },
      ...report.byTerritory.map((row) => ({
        breakdown: 'territory' as const,
        key: row.territory,
        label: row.territoryName,
        ...row,
      })),
      ...report.byTheme.map((row) => ({
        breakdown: 'theme' as const,
        key: row.theme,
        label: row.theme,
        ...row,
      })),
    ],
  }
}
