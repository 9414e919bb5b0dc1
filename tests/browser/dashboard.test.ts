import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runSeed } from '../../scripts/seed-data/run.js'
import { seriousViolations } from './axe.js'
import { launchChromium } from './chromium.js'
import { pageServer, type PageServer } from './page-server.js'
import { screenshot } from './screenshots.js'

let server: PageServer
let chromium: Awaited<ReturnType<typeof launchChromium>>
let position = 0

/** One table of the dashboard as { row header → [cells] }. */
const tableOf = (page: Page, id: string) =>
  page.$$eval(`#${id} tbody tr`, (rows) =>
    Object.fromEntries(
      rows.map((row) => [
        row.querySelector('th')?.textContent?.trim() ?? '',
        [...row.querySelectorAll('td')].map((cell) => Number(cell.textContent)),
      ]),
    ),
  )

beforeAll(async () => {
  // The API's clock after Team Sud Export's last record of 2020, as for `npm run seed` today: every fact is in the past.
  server = await pageServer({ now: () => new Date('2021-03-01T08:00:00Z') })
  // What `npm run seed` runs, over HTTP against the served app.
  await runSeed({ apiUrl: server.url, token: await server.token(['admin']), concurrency: 4 })
  position = await server.catchUp()
  chromium = await launchChromium()
}, 240_000)

afterAll(async () => {
  await chromium?.close()
  await server?.close()
})

describe('the reporting dashboard, in Chromium, after the seed', () => {
  it('shows the interview’s figures, each chart with its table and Feed position', async () => {
    const page = await chromium.browser.newPage()
    // A desk screen: each chart's table sits beside it.
    await page.setViewport({ width: 1400, height: 900 })
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'fr-FR' })
    await page.goto(`${server.url}/staff/dashboard`)
    // A reporting account is enough for the dashboard.
    await page.click('#role-reports')
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')])
    expect(new URL(page.url()).pathname).toBe('/staff/dashboard')

    const history = await tableOf(page, 'history-table')
    // [selected, awards] per edition.
    const ces2017 = history['CES 2017'] ?? []
    const ces2019 = history['CES 2019'] ?? []
    const ces2020 = history['CES 2020'] ?? []
    expect(ces2017[0]).toBeGreaterThanOrEqual(13) // about fifteen companies
    expect(ces2017[0]).toBeLessThanOrEqual(17)
    expect(ces2019[0]).toBeGreaterThan(60) // over 60 start-ups
    expect(ces2019[1]).toBeGreaterThanOrEqual(8) // about ten Innovation Awards
    expect(ces2019[1]).toBeLessThanOrEqual(12)
    expect(ces2020[0]).toBeGreaterThanOrEqual(27) // about thirty selected
    expect(ces2020[0]).toBeLessThanOrEqual(33)

    // The charts draw the same numbers as their tables, and say what they are current to:
    // three of the delegations, two of what they brought back, one of Team Sud Export.
    expect(await page.$$eval('svg.chart', (charts) => charts.length)).toBe(6)
    const labels = await page.$$eval('#history-caption ~ div svg text.value', (texts) => texts.map((t) => Number(t.textContent)))
    expect(labels).toEqual(expect.arrayContaining([ces2017[0], ces2019[0], ces2019[1], ces2020[0]]))
    const currentTo = await page.$$eval('[data-current-to]', (spans) => spans.map((span) => Number(span.getAttribute('data-current-to'))))
    expect(currentTo).toEqual(Array.from({ length: 6 }, () => position))

    // The default edition is the latest: its territories add up to its delegation.
    const territories = await tableOf(page, 'territories-table')
    expect(Object.values(territories).reduce((sum, [, selected]) => sum + (selected ?? 0), 0)).toBe(ces2020[0])

    // What the 2019 and 2020 delegations brought back: most members answered, none of the
    // others' editions has answers, and each figure's total is drawn from its table.
    const answers = await tableOf(page, 'outcomes-answers-table')
    expect(Object.keys(answers)).toEqual(['CES 2019', 'CES 2020'])
    for (const [edition, selected] of [['CES 2019', ces2019[0]], ['CES 2020', ces2020[0]]] as const) {
      const [members, answered] = answers[edition] ?? []
      expect(members).toBe(selected)
      expect(answered).toBeGreaterThan((members ?? 0) / 2)
      expect(answered).toBeLessThanOrEqual(members ?? 0)
    }
    const contacts = async (editionId: string) =>
      page.$eval(`#outcomes-${editionId}-table tbody tr`, (row) => Number(row.querySelector('td')?.textContent?.replace(/\D/g, '')))
    expect(await contacts('ces-2019')).toBeGreaterThan(0)
    expect(await contacts('ces-2020')).toBeGreaterThan(0)

    // Team Sud Export, as the interview puts it: more than 5,000 companies prospected
    // worldwide and more than 500 of the region supported, by 2020.
    const headline = await page.$eval('#export-headline', (p) => ({
      prospected: Number(p.getAttribute('data-prospected')),
      supported: Number(p.getAttribute('data-supported')),
      // Digits only: the figures are written the French way, their thousands apart by a narrow space.
      digits: p.textContent?.replace(/\s/g, '') ?? '',
    }))
    expect(headline.prospected).toBeGreaterThan(5000)
    expect(headline.supported).toBeGreaterThan(500)
    expect(headline.digits).toContain(`${headline.prospected}entreprisesétrangères`)
    const exportYears = await tableOf(page, 'team-sud-export-table')
    expect(exportYears['2020']).toEqual([headline.prospected, headline.supported])

    await screenshot(page, 'dashboard')
    expect(await seriousViolations(page)).toEqual([])

    await page.goto(`${server.url}/staff/dashboard?edition=ces-2019&lang=en`)
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Dashboard')
    await screenshot(page, 'dashboard-en-ces-2019')
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  }, 120_000)

  it('serves the same outcomes and Team Sud Export figures as JSON and CSV, current to the same Feed position', async () => {
    const headers = { Authorization: `Bearer ${await server.token(['reports'])}` }
    const get = async (path: string, accept = 'application/json') => {
      const response = await fetch(`${server.url}${path}`, { headers: { ...headers, Accept: accept } })
      expect(response.status, path).toBe(200)
      return response
    }
    const outcomes = (await (await get('/reports/outcomes')).json()) as {
      currentTo: number
      editions: { editionId: string; members: number; answered: number }[]
    }
    expect(outcomes.currentTo).toBe(position)
    const answered = outcomes.editions.filter((edition) => edition.answered > 0).map((edition) => edition.editionId)
    expect(answered).toEqual(['ces-2019', 'ces-2020'])

    const exported = (await (await get('/reports/team-sud-export')).json()) as {
      currentTo: number
      prospected: { total: number }
      supported: { total: number }
    }
    expect(exported.currentTo).toBe(position)
    expect(exported.prospected.total).toBeGreaterThan(5000)
    expect(exported.supported.total).toBeGreaterThan(500)

    const csv = await get('/reports/team-sud-export.csv', 'text/csv')
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    expect(lines[0]).toBe('Year,Foreign companies prospected,Regional companies supported,Prospected to date,Supported to date')
    // The last year's running totals are the cumulative figures.
    const last = lines.at(-1)?.split(',') ?? []
    expect([last[0], last[3], last[4]]).toEqual(['2020', String(exported.prospected.total), String(exported.supported.total)])

    const perEdition = await (await get('/reports/editions/ces-2020/outcomes.csv', 'text/csv')).text()
    const members = outcomes.editions.find((edition) => edition.editionId === 'ces-2020')
    expect(perEdition).toContain(`,${members?.members},${members?.answered},`)
  }, 60_000)
})
