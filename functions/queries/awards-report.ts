import {
  collections,
  type EditionAwardsDoc,
  editionAwardsDoc,
  projectionNames,
} from '../../domain/projections/index.js'
import type { Table } from './csv.js'
import { awardName, awardRank, byName, dayOf } from './labels.js'
import { currentTo, type ReadModelReader, readAll, readDoc } from './read-model-reader.js'
import type { AwardRow, AwardsReport } from './schemas.js'

const rowsOf = (doc: EditionAwardsDoc): AwardRow[] =>
  doc.awards.map((entry) => ({
    ...entry,
    editionId: doc.editionId,
    editionName: doc.editionName,
    year: doc.year,
  }))

const ordered = (rows: AwardRow[]) =>
  rows.sort(
    (a, b) =>
      a.year - b.year ||
      a.editionId.localeCompare(b.editionId) ||
      awardRank(a.award) - awardRank(b.award) ||
      byName(a.startupName, b.startupName),
  )

/**
 * `GET /reports/awards`: every edition's awards (one Query of `awards`), or one
 * edition's (`?editionId=`, a key lookup; undefined if the edition is unknown).
 *
 * @example const report = await loadAwards(reader, { editionId: 'ces-2019' })
 */
export const loadAwards = async (
  reader: ReadModelReader,
  { editionId }: { editionId?: string | undefined } = {},
): Promise<AwardsReport | undefined> => {
  const position = await currentTo(reader, [projectionNames.awards])
  if (editionId !== undefined) {
    const doc = await readDoc(reader, collections.awards, editionId, editionAwardsDoc)
    if (doc === undefined) return undefined
    const awards = ordered(rowsOf(doc))
    return { currentTo: position, editionId, count: awards.length, awards }
  }
  const docs = await readAll(reader, collections.awards, editionAwardsDoc)
  const awards = ordered(docs.flatMap(rowsOf))
  return { currentTo: position, count: awards.length, awards }
}

/**
 * The awards as a spreadsheet: one row per award.
 *
 * @example toCsv(awardsTable(report))
 */
export const awardsTable = (report: AwardsReport): Table<AwardRow> => ({
  columns: [
    { header: 'Year', value: (row) => row.year },
    { header: 'Edition', value: (row) => row.editionName },
    { header: 'Start-up', value: (row) => row.startupName },
    { header: 'Award', value: (row) => awardName(row.award) },
    { header: 'Category', value: (row) => row.category },
    { header: 'Won on', value: (row) => dayOf(row.wonAt) },
  ],
  rows: report.awards,
})
