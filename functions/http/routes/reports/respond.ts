import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { commandProblems } from '../../schemas/responses.js'
import { csvContentType, type Table, toCsv } from '../../../queries/csv.js'

export const currentToHeader = 'X-Current-To-Position'

const csvSchema = z.string().openapi({
  description:
    'UTF-8 with a BOM, a header row, CRLF line ends, RFC 4180 quoting (semicolons quoted too); cells that a ' +
    'spreadsheet would run as formulas start with an apostrophe',
})

const positionHeader = {
  [currentToHeader]: {
    description: 'The Feed position the answer is current to',
    schema: { type: 'integer' as const },
  },
}

/**
 * A report's 200 for OpenAPI: JSON by default, CSV on `Accept: text/csv`.
 *
 * @example const responses = { 200: reportContent(delegationReport, 'The delegation') }
 */
export const reportContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  headers: positionHeader,
  content: { 'application/json': { schema }, 'text/csv': { schema: csvSchema } },
})

/**
 * A JSON-only answer's 200 for OpenAPI (the start-up directory).
 *
 * @example const responses = { 200: jsonReportContent(startupPage, 'The start-up') }
 */
export const jsonReportContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  headers: positionHeader,
  content: { 'application/json': { schema } },
})

/** The problems a report may answer with. */
export const reportProblems = {
  400: { ...commandProblems[400], description: 'An invalid parameter, filter or cursor' },
  401: commandProblems[401],
  403: { ...commandProblems[403], description: 'The token has neither the reports nor admin role' },
  404: { ...commandProblems[404], description: 'No such edition or start-up' },
  503: {
    ...commandProblems[503],
    description: 'The read models did not answer in time: retry after `Retry-After`',
  },
} as const

/**
 * CSV when the path ends in `.csv` or the caller accepts `text/csv`.
 *
 * @example wantsCsv(c, c.req.path.endsWith('.csv'))
 */
export const wantsCsv = (c: Context, suffix = false): boolean =>
  suffix || (c.req.header('Accept') ?? '').toLowerCase().includes('text/csv')

/**
 * A report as a CSV download named after it, saying the position it is current to.
 *
 * @example return csvResponse(c, delegationTable(report), 'ces-2020-delegation', report.currentTo)
 */
export const csvResponse = <Row>(c: Context, table: Table<Row>, name: string, position: number) =>
  c.body(toCsv(table), 200, {
    'Content-Type': csvContentType,
    'Content-Disposition': `attachment; filename="${name}.csv"`,
    [currentToHeader]: String(position),
  })
