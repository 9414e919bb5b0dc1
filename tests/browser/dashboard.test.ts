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
  // The API's clock after CES 2020, as for `npm run seed` today: every fact is in the past.
  server = await pageServer({ now: () => new Date('2020-06-01T08:00:00Z') })
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

    // The charts draw the same numbers as their tables, and say what they are current to.
    expect(await page.$$eval('svg.chart', (charts) => charts.length)).toBe(3)
    const labels = await page.$$eval('#history-caption ~ div svg text.value', (texts) => texts.map((t) => Number(t.textContent)))
    expect(labels).toEqual(expect.arrayContaining([ces2017[0], ces2019[0], ces2019[1], ces2020[0]]))
    const currentTo = await page.$$eval('[data-current-to]', (spans) => spans.map((span) => Number(span.getAttribute('data-current-to'))))
    expect(currentTo).toEqual([position, position, position])

    // The default edition is the latest: its territories add up to its delegation.
    const territories = await tableOf(page, 'territories-table')
    expect(Object.values(territories).reduce((sum, [, selected]) => sum + (selected ?? 0), 0)).toBe(ces2020[0])

    await screenshot(page, 'dashboard')
    expect(await seriousViolations(page)).toEqual([])

    await page.goto(`${server.url}/staff/dashboard?edition=ces-2019&lang=en`)
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Dashboard')
    await screenshot(page, 'dashboard-en-ces-2019')
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  }, 120_000)
})
