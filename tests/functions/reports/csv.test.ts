import { describe, expect, it } from 'vitest'
import { csvCell, toCsv, toTextTable } from '../../../functions/queries/csv.js'
import { delegationTable } from '../../../functions/queries/delegation-report.js'
import type { DelegationReport } from '../../../functions/queries/schemas.js'

const bom = '\uFEFF'
const energy = 'Sustainability, Eco-Design & Smart Energy'

const report: DelegationReport = {
  currentTo: 42,
  editionId: 'ces-2020',
  editionName: 'CES Las Vegas 2020',
  year: 2020,
  count: 2,
  members: [
    {
      startupId: 's1',
      name: 'Rade Énergie, "la mer"',
      city: 'La Seyne-sur-Mer',
      territory: 'toulon-provence-mediterranee',
      territoryName: 'Toulon Provence Méditerranée',
      website: 'https://rade-energie.example',
      themes: ['environment', 'maritime'],
      awards: [{ award: 'best-of-innovation', category: energy }],
    },
    {
      startupId: 's2',
      name: '=HYPERLINK("https://evil.example")',
      territory: 'nice-cote-d-azur',
      territoryName: "Nice Côte d'Azur",
      themes: ['health'],
      awards: [],
    },
  ],
}

describe('CSV for spreadsheets', () => {
  const csv = toCsv(delegationTable(report))
  const lines = csv.slice(1).split('\r\n')

  it('starts with a UTF-8 BOM and a header row', () => {
    expect(csv.startsWith(bom)).toBe(true)
    expect(lines[0]).toBe('Start-up,City,Territory,Website,Themes,Awards')
  })

  it('ends every line with CRLF, the last one included, and no bare LF', () => {
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
    expect(lines).toHaveLength(report.members.length + 2)
  })

  it('quotes fields with commas or quotes, doubling the quotes (RFC 4180)', () => {
    expect(lines[1]).toBe(
      '"Rade Énergie, ""la mer""",La Seyne-sur-Mer,Toulon Provence Méditerranée,' +
        'https://rade-energie.example,"environment, maritime",' +
        '"Best of Innovation: Sustainability, Eco-Design & Smart Energy"',
    )
  })

  it('keeps accents intact in UTF-8', () => {
    const bytes = Buffer.from(csv, 'utf8')

    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(bytes.toString('utf8')).toContain('Méditerranée')
    expect(bytes.includes(Buffer.from('Côte', 'utf8'))).toBe(true)
  })

  it('neutralises formulas with a leading apostrophe, and leaves empty cells empty', () => {
    expect(lines[2]).toBe(`"'=HYPERLINK(""https://evil.example"")",,Nice Côte d'Azur,,health,`)
  })

  it.each([
    ['=1+1', "'=1+1"],
    ['+33 4 91 00 00 00', "'+33 4 91 00 00 00"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['line\nbreak', '"line\nbreak"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['plain', 'plain'],
    ['', ''],
  ])('writes the cell %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })

  it.each([
    ['Acme;=1+1', '"Acme;=1+1"'],
    ['a;b', '"a;b"'],
  ])('quotes %j: French-locale spreadsheets split cells on semicolons', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })

  it.each([
    ['full-width equals', '\uFF1D1+1'],
    ['small equals', '\uFE661+1'],
    ['full-width plus', '\uFF0B33 4 91'],
    ['full-width minus', '\uFF0D2'],
    ['full-width at', '\uFF20SUM(A1)'],
    ['zero-width space, then =', '\u200B=1+1'],
    ['byte order mark, then =', '\uFEFF=1+1'],
    ['word joiner, then @', '\u2060@SUM(A1)'],
    ['right-to-left mark, then +', '\u200F+1'],
    ['two zero-width characters, then a full-width =', '\u200B\u200D\uFF1DSUM(1)'],
  ])('neutralises a formula hidden behind a %s', (_, value) => {
    expect(csvCell(value)).toBe(`'${value}`)
  })

  it('leaves text that only contains such characters later alone', () => {
    expect(csvCell('Café \uFF1D bon')).toBe('Café \uFF1D bon')
    expect(csvCell('a\u200B=b')).toBe('a\u200B=b')
  })

  it('writes numbers as they are, negative ones included', () => {
    expect(csvCell(62)).toBe('62')
    expect(csvCell(-1)).toBe('-1')
    expect(csvCell(undefined)).toBe('')
  })

  it('renders the same table as aligned text for a terminal', () => {
    const text = toTextTable({
      columns: [
        { header: 'Year', value: (row: { year: number; name: string }) => row.year },
        { header: 'Edition', value: (row) => row.name },
      ],
      rows: [
        { year: 2019, name: 'CES 2019' },
        { year: 2020, name: 'CES Las Vegas 2020' },
      ],
    })

    expect(text.split('\n')).toEqual([
      'Year  Edition',
      '----  ------------------',
      '2019  CES 2019',
      '2020  CES Las Vegas 2020',
    ])
  })
})
