import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiHarness, client, type ApiHarness } from '../http/api-harness.js'
import { nodeServer } from '../http/transports.js'
import { catchUp } from './catch-up.js'
import { recordTwoEditions } from './reports-scenario.js'

const energy = 'Sustainability, Eco-Design & Smart Energy'

/**
 * The reports end to end: commands through the API, the real indexer and projector
 * over DynamoDB Local, then the reporting routes over HTTP.
 */
describe('reporting API', () => {
  const transport = nodeServer()
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  let ids: Awaited<ReturnType<typeof recordTwoEditions>>
  let position: number

  beforeAll(async () => {
    harness = await apiHarness()
    api = client(await transport.start(harness.app), harness)
    ids = await recordTwoEditions(api)
    position = await catchUp(harness.tables)
  }, 60_000)
  afterAll(async () => {
    await transport.stop()
    expect(harness.unexpected).toEqual([])
  })

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await api.reports('GET', path, undefined, headers)
    expect(response.status, response.text).toBe(200)
    expect(response.headers.get('x-current-to-position')).toBe(String(position))
    return response
  }

  it('answers an edition’s summary, current to the Feed’s end', async () => {
    const report = (await get('/reports/editions/ces-2020')).json()

    expect(report.currentTo).toBe(position)
    expect(report.edition).toMatchObject({
      editionId: 'ces-2020',
      year: 2020,
      status: 'open',
      capacity: 30,
    })
    expect(report.counts).toEqual({
      applications: 4,
      submitted: 0,
      selected: 2,
      rejected: 1,
      withdrawn: 1,
      awards: 1,
      partners: 2,
    })
    expect(report.awardsByLevel).toEqual({ 'best-of-innovation': 1, honoree: 0 })
    expect(report.byTerritory[0]).toMatchObject({ selected: 1, applications: 1 })
    expect(report.byTheme[0]).toMatchObject({ theme: 'environment', applications: 2, selected: 2 })
    expect(report.byTerritory.map((row: { territoryName: string }) => row.territoryName)).toContain(
      'Toulon Provence Méditerranée',
    )
  })

  it('lists the delegation: members only, with their registration and awards', async () => {
    const report = (await get('/reports/editions/ces-2020/delegation')).json()

    expect(report).toMatchObject({ editionId: 'ces-2020', editionName: 'CES Las Vegas 2020' })
    expect(report.count).toBe(2)
    expect(report.members).toEqual([
      {
        startupId: ids.plus.startupId,
        name: '+Plus Mobilité',
        city: 'Toulon',
        territory: 'toulon-provence-mediterranee',
        territoryName: 'Toulon Provence Méditerranée',
        website: 'https://plus.example',
        themes: ['mobility', 'environment'],
        awards: [],
      },
      {
        startupId: ids.calanques.startupId,
        name: 'Calanques Tech',
        city: 'Marseille',
        territory: 'aix-marseille-provence',
        territoryName: 'Aix-Marseille Provence',
        website: 'https://calanques.example',
        themes: ['environment'],
        awards: [{ award: 'best-of-innovation', category: energy }],
      },
    ])
  })

  it('downloads the delegation at .csv: BOM, CRLF, a neutralised formula', async () => {
    const response = await harness.app.request('/reports/editions/ces-2020/delegation.csv', {
      headers: { Authorization: `Bearer ${await harness.token(['reports'])}` },
    })
    const bytes = Buffer.from(await response.arrayBuffer())
    const text = bytes.toString('utf8')

    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="ces-2020-delegation.csv"',
    )
    expect(response.headers.get('x-current-to-position')).toBe(String(position))
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(text.slice(1).split('\r\n')).toEqual([
      'Start-up,City,Territory,Website,Themes,Awards',
      "'+Plus Mobilité,Toulon,Toulon Provence Méditerranée,https://plus.example," +
        '"mobility, environment",',
      'Calanques Tech,Marseille,Aix-Marseille Provence,https://calanques.example,environment,' +
        '"Best of Innovation: Sustainability, Eco-Design & Smart Energy"',
      '',
    ])
  })

  it('answers CSV on Accept: text/csv, for the edition’s summary at .csv too', async () => {
    const negotiated = await get('/reports/editions/ces-2020/delegation', { Accept: 'text/csv' })
    expect(negotiated.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(negotiated.text).toContain('Calanques Tech')

    const summary = await get('/reports/editions/ces-2020.csv')
    expect(summary.headers.get('content-disposition')).toBe('attachment; filename="ces-2020.csv"')
    expect(summary.text.split('\r\n')[1]).toBe('total,ces-2020,CES Las Vegas 2020,4,0,2,1,1')
  })

  it('lists the awards across editions, or of one edition', async () => {
    const all = (await get('/reports/awards')).json()
    expect(all.awards.map((a: { year: number; award: string }) => [a.year, a.award])).toEqual([
      [2019, 'honoree'],
      [2020, 'best-of-innovation'],
    ])
    expect(all.awards[0]).toMatchObject({
      startupName: 'Calanques Tech',
      editionName: 'CES Las Vegas 2019',
    })

    const one = (await get('/reports/awards?editionId=ces-2019')).json()
    expect(one).toMatchObject({ editionId: 'ces-2019', count: 1 })
    expect((await get('/reports/awards.csv')).text.split('\r\n')[1]).toBe(
      '2019,CES Las Vegas 2019,Calanques Tech,Honoree,Smart Cities,2019-01-07',
    )
  })

  it('lists the partners of the programme and of an edition', async () => {
    const programme = (await get('/reports/partners')).json()
    type Partner = { partnerId: string; editions: unknown[] }
    const joins = programme.partners.map((p: Partner) => [p.partnerId, p.editions.length])
    expect(joins).toEqual([
      ['region-sud', 2],
      ['nice-cote-d-azur', 1],
    ])

    const edition = (await get('/reports/partners?editionId=ces-2019')).json()
    expect(edition).toMatchObject({
      editionId: 'ces-2019',
      count: 1,
      partners: [{ name: 'Région Sud' }],
    })
  })

  it('tells the programme’s history, edition by edition and year by year', async () => {
    const history = (await get('/reports/history')).json()

    const rows = history.editions.map((row: Record<string, unknown>) => [
      row.year,
      row.editionId,
      row.selected,
      row.awards,
      row.partners,
    ])
    expect(rows).toEqual([
      [2019, 'ces-2019', 1, 1, 1],
      [2020, 'ces-2020', 2, 1, 2],
    ])
    expect(history.years).toEqual([
      { year: 2019, editions: 1, applications: 1, selected: 1, awards: 1, partners: 1 },
      { year: 2020, editions: 1, applications: 4, selected: 2, awards: 1, partners: 2 },
    ])
    expect((await get('/reports/history.csv')).text.split('\r\n')[0]).toBe(
      'Year,Edition,Show,City,Status,Applications,Selected,Rejected,Withdrawn,Awards,Partners',
    )
  })
})
