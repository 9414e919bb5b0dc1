/**
 * CSV that opens as a spreadsheet (Excel, LibreOffice, Numbers) with accents intact:
 * UTF-8 with a BOM, a header row, CRLF line ends, RFC 4180 quoting.
 */

/** One column of a report: its header and how to read a row's cell. */
interface Column<Row> {
  readonly header: string
  readonly value: (row: Row) => string | number | undefined
}

/** A report as rows and columns: the one shape behind CSV and the CLI's text tables. */
export interface Table<Row> {
  readonly columns: readonly Column<Row>[]
  readonly rows: readonly Row[]
}

export const csvContentType = 'text/csv; charset=utf-8'
const bom = '\uFEFF'

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
const formulaStart = /^[=+\-@\t\r]/
// Invisible format characters (zero-width space, joiners, BOM, bidi marks) a cell may
// start with: spreadsheets skip some of them when they look for a formula.
const formatCharacters = /\p{Cf}/gu
// French-locale spreadsheets split on semicolons as others split on commas.
const needsQuotes = /[",;\r\n]/

/**
 * Whether a spreadsheet could take the cell for a formula: its start is checked as the
 * spreadsheet may see it, compatibility-folded (NFKC: full-width `＝` and small `﹦` are
 * `=`) and with invisible format characters taken out.
 */
const looksLikeFormula = (value: string) =>
  formulaStart.test(value.replace(formatCharacters, '').normalize('NFKC'))

/**
 * One cell, neutralised and quoted: text that a spreadsheet would run as a formula
 * gets a leading apostrophe (its text otherwise unchanged); fields with a comma,
 * semicolon, quote or line break are quoted, quotes doubled. Numbers are written as they are.
 *
 * @example csvCell('=HYPERLINK("x")') // "'=HYPERLINK(""x"")" within quotes
 */
export const csvCell = (value: string | number | undefined): string => {
  if (value === undefined) return ''
  if (typeof value === 'number') return String(value)
  const safe = looksLikeFormula(value) ? `'${value}` : value
  return needsQuotes.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/**
 * A table as a CSV document: BOM, header row, then one CRLF-terminated line per row.
 *
 * @example toCsv({ columns: [{ header: 'Start-up', value: (r) => r.name }], rows })
 */
export const toCsv = <Row>({ columns, rows }: Table<Row>): string => {
  const line = (cells: readonly (string | number | undefined)[]) =>
    `${cells.map(csvCell).join(',')}\r\n`
  const header = line(columns.map((column) => column.header))
  return bom + header + rows.map((row) => line(columns.map((column) => column.value(row)))).join('')
}

/**
 * A table as aligned plain text, for a terminal (the report CLI's default).
 *
 * @example console.log(toTextTable(historyTable(report)))
 */
export const toTextTable = <Row>({ columns, rows }: Table<Row>): string => {
  const cells = [
    columns.map((column) => column.header),
    ...rows.map((row) => columns.map((column) => String(column.value(row) ?? ''))),
  ]
  const widths = columns.map((_, index) => Math.max(...cells.map((line) => line[index]!.length)))
  const format = (line: string[]) =>
    line.map((cell, index) => cell.padEnd(widths[index]!)).join('  ').trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  const [header, ...body] = cells
  return [format(header!), rule, ...body.map(format)].join('\n')
}
