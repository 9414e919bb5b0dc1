import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { createReadModels } from '../../functions/queries/read-models.js'
import {
  parseReportArgs,
  renderReport,
  ReportNotFoundError,
  UsageError,
} from '../../scripts/report-cli.js'
import { apiHarness, client, type ApiHarness } from '../functions/http/api-harness.js'
import { inProcess } from '../functions/http/transports.js'
import { catchUp } from '../functions/reports/catch-up.js'
import { recordTwoEditions } from '../functions/reports/reports-scenario.js'

const run = promisify(execFile)

describe('npm run report', () => {
  let harness: ApiHarness
  let position: number
  const report = (...argv: string[]) =>
    renderReport(
      createReadModels({ doc: harness.tables.doc, table: harness.tables.names.readModels }),
      parseReportArgs(argv),
    )

  beforeAll(async () => {
    harness = await apiHarness()
    await recordTwoEditions(client(await inProcess().start(harness.app), harness))
    position = await catchUp(harness.tables)
  }, 60_000)

  it('prints the history as a text table', async () => {
    const { stdout, currentTo } = await report('history')

    expect(currentTo).toBe(position)
    expect(stdout.split('\n').slice(0, 4)).toEqual([
      'Year  Edition             Show  City       Status  Applications  Selected  Rejected' +
        '  Withdrawn  Awards  Partners',
      '----  ------------------  ----  ---------  ------  ------------  --------  --------' +
        '  ---------  ------  --------',
      '2019  CES Las Vegas 2019  CES   Las Vegas  closed  1             1         0' +
        '         0          1       1',
      '2020  CES Las Vegas 2020  CES   Las Vegas  open    4             2         1' +
        '         1          1       2',
    ])
  })

  it('prints an edition or its delegation as the CSV the routes send', async () => {
    const edition = await report('edition', 'ces-2020', '--format', 'csv')
    expect(edition.stdout.startsWith('\uFEFFBreakdown,Key,Label,')).toBe(true)
    expect(edition.stdout.split('\r\n')[1]).toBe('total,ces-2020,CES Las Vegas 2020,4,0,2,1,1')

    const delegation = await report('delegation', 'ces-2020', '--format', 'csv')
    expect(delegation.stdout.split('\r\n').slice(1, 3)).toEqual([
      "'+Plus Mobilité,Toulon,Toulon Provence Méditerranée,https://plus.example," +
        '"mobility, environment",',
      'Calanques Tech,Marseille,Aix-Marseille Provence,https://calanques.example,environment,' +
        '"Best of Innovation: Sustainability, Eco-Design & Smart Energy"',
    ])
  })

  it('prints the awards and the partners as JSON, the routes’ bodies', async () => {
    const awards = JSON.parse((await report('awards', '--format', 'json')).stdout)
    expect(awards).toMatchObject({ currentTo: position, count: 2 })

    const rendered = await report('partners', '--edition', 'ces-2020', '--format', 'json')
    const partners = JSON.parse(rendered.stdout)
    expect(partners).toMatchObject({ editionId: 'ces-2020', count: 2 })
  })

  it('refuses what it cannot print', async () => {
    expect(() => parseReportArgs(['sales'])).toThrow(UsageError)
    expect(() => parseReportArgs(['edition'])).toThrow(UsageError)
    expect(() => parseReportArgs(['history', '--format', 'xlsx'])).toThrow(UsageError)
    await expect(report('delegation', 'ces-1999')).rejects.toThrow(ReportNotFoundError)
  })

  it('runs as a command over DynamoDB with the environment’s table names', async () => {
    const env = {
      ...process.env,
      DYNAMODB_ENDPOINT: harness.tables.endpoint,
      READ_MODELS_TABLE: harness.tables.names.readModels,
    }
    const cli = (...argv: string[]) => run('npx', ['tsx', 'scripts/report.ts', ...argv], { env })
    const { stdout, stderr } = await cli('awards', '--format', 'csv')

    expect(stdout.split('\r\n')[0]).toBe('\uFEFFYear,Edition,Start-up,Award,Category,Won on')
    expect(stdout).toContain(
      '2019,CES Las Vegas 2019,Calanques Tech,Honoree,Smart Cities,2019-01-07',
    )
    expect(stderr).toContain(`current to Feed position ${position}`)

    const failed = await cli('nonsense').catch((error: unknown) => error)
    expect(failed).toMatchObject({ code: 2 })
  }, 60_000)
})
