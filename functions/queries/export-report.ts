import {
  collections,
  exportFiguresDoc,
  projectionNames,
  summariseExportFigures,
} from '../../domain/projections/index.js'
import type { Table } from './csv.js'
import type { ExportFiguresReport } from './outcome-schemas.js'
import { currentTo, type ReadModelReader, readAll } from './read-model-reader.js'

type ExportYear = ExportFiguresReport['years'][number]

/**
 * `GET /reports/team-sud-export[?throughYear=2020]`: Team Sud Export's cumulative figures,
 * per year and in all, by country, sector and territory (one Query of the years).
 *
 * @example (await loadExportFigures(reader, { throughYear: 2020 })).prospected.total // 5 2xx
 */
export const loadExportFigures = async (
  reader: ReadModelReader,
  { throughYear }: { throughYear?: number | undefined } = {},
): Promise<ExportFiguresReport> => {
  const position = await currentTo(reader, [projectionNames.exportFigures])
  const docs = await readAll(reader, collections.exportFigures, exportFiguresDoc)
  return { currentTo: position, ...summariseExportFigures(docs, throughYear === undefined ? {} : { throughYear }) }
}

/**
 * The cumulative figures as a spreadsheet: one row per year, with the running totals.
 *
 * @example toCsv(exportFiguresTable(report))
 */
export const exportFiguresTable = (report: ExportFiguresReport): Table<ExportYear> => ({
  columns: [
    { header: 'Year', value: (row) => row.year },
    { header: 'Foreign companies prospected', value: (row) => row.prospected },
    { header: 'Regional companies supported', value: (row) => row.supported },
    { header: 'Prospected to date', value: (row) => row.prospectedToDate },
    { header: 'Supported to date', value: (row) => row.supportedToDate },
  ],
  rows: report.years,
})
