import { parseArgs } from 'node:util'
import { awardsTable, loadAwards } from '../functions/queries/awards-report.js'
import { type Table, toCsv, toTextTable } from '../functions/queries/csv.js'
import { delegationTable, loadDelegation } from '../functions/queries/delegation-report.js'
import { editionTable, loadEditionReport } from '../functions/queries/edition-report.js'
import { historyTable, loadHistory } from '../functions/queries/history-report.js'
import { loadPartners, partnersTable } from '../functions/queries/partners-report.js'
import type { ReadModelReader } from '../functions/queries/read-model-reader.js'

export const usage = `Usage: npm run report -- <report> [id] [--format table|json|csv]

  history                      the programme, edition by edition
  edition <editionId>          an edition's summary and breakdowns
  delegation <editionId>       the selected start-ups and their awards
  awards [--edition <id>]      the awards won
  partners [--edition <id>]    the partners

It finds the DynamoDB Local of a running npm start (.local-data/runtime.json); DYNAMODB_ENDPOINT overrides.`

/** Arguments the CLI cannot make sense of: it prints the usage and exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** A report the read models do not hold (an unknown edition): exit code 1. */
export class ReportNotFoundError extends Error {
  override readonly name = 'ReportNotFoundError'
}

const formats = ['table', 'json', 'csv'] as const
type Format = (typeof formats)[number]

export interface ReportRequest {
  readonly report: 'history' | 'edition' | 'delegation' | 'awards' | 'partners'
  readonly id?: string | undefined
  readonly edition?: string | undefined
  readonly format: Format
}

const reports = ['history', 'edition', 'delegation', 'awards', 'partners'] as const
const isReport = (name: string): name is ReportRequest['report'] =>
  (reports as readonly string[]).includes(name)
const isFormat = (name: string): name is Format => (formats as readonly string[]).includes(name)

/**
 * Reads the command line: `edition ces-2020 --format csv`.
 *
 * @example parseReportArgs(['awards', '--edition', 'ces-2019']).edition // 'ces-2019'
 */
export const parseReportArgs = (argv: readonly string[]): ReportRequest => {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { format: { type: 'string', default: 'table' }, edition: { type: 'string' } },
  })
  const [report = '', id] = positionals
  if (!isReport(report)) throw new UsageError(`Unknown report "${report}"`)
  if (!isFormat(values.format)) throw new UsageError(`Unknown format "${values.format}"`)
  if ((report === 'edition' || report === 'delegation') && !id) {
    throw new UsageError(`The ${report} report needs an edition id`)
  }
  return { report, id, edition: values.edition, format: values.format }
}

/** What the CLI prints: the report on stdout, the position it is current to on stderr. */
export interface Rendered {
  readonly stdout: string
  readonly currentTo: number
}

const render = <Report extends { currentTo: number }, Row>(
  report: Report | undefined,
  table: (report: Report) => Table<Row>,
  format: Format,
  what: string,
): Rendered => {
  if (report === undefined) throw new ReportNotFoundError(`No edition ${what} in the read models`)
  const stdout =
    format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : format === 'csv'
        ? toCsv(table(report))
        : `${toTextTable(table(report))}\n`
  return { stdout, currentTo: report.currentTo }
}

/**
 * Loads a report from the read models and renders it as the routes do (same loaders,
 * same tables, same CSV).
 *
 * @example const { stdout } = await renderReport(readModels, parseReportArgs(argv))
 */
export const renderReport = async (
  reader: ReadModelReader,
  { report, id = '', edition, format }: ReportRequest,
): Promise<Rendered> => {
  switch (report) {
    case 'history':
      return render(await loadHistory(reader), historyTable, format, 'history')
    case 'edition':
      return render(await loadEditionReport(reader, id), editionTable, format, id)
    case 'delegation':
      return render(await loadDelegation(reader, id), delegationTable, format, id)
    case 'awards':
      return render(await loadAwards(reader, { editionId: edition }), awardsTable, format, `${edition}`)
    case 'partners':
      return render(await loadPartners(reader, { editionId: edition }), partnersTable, format, `${edition}`)
  }
}
