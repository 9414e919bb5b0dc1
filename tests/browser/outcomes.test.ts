import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applicationBody, editionBody, validSiret } from '../fixtures/requests.js'
import { seriousViolations } from './axe.js'
import { launchChromium } from './chromium.js'
import { pageServer, type PageServer } from './page-server.js'
import { screenshot } from './screenshots.js'

/**
 * Issue 23's "Must show", in a real headless Chromium against the app on DynamoDB Local: a
 * member start-up reports what it brought back from the show through the link only it
 * holds, in French without JavaScript then in English with it; another start-up's link or
 * a tampered one opens nothing; staff read the answers, correct one, record Team Sud
 * Export's figures and see them on the dashboard. Every page checked by axe-core and
 * photographed (tests/browser/screenshots).
 */

let server: PageServer
let chromium: Awaited<ReturnType<typeof launchChromium>>
// Applications are made before the deadline; the reports after the show (CES 2020 opened on 7 January).
let now = new Date('2019-09-01T10:00:00Z')
const timeout = 120_000

interface Member {
  readonly applicationId: string
  readonly startupId: string
  readonly withdrawalToken: string
}
let member: Member
let other: Member

const newPage = async (lang = 'fr-FR,fr;q=0.9') => {
  const page = await chromium.browser.newPage()
  await page.setExtraHTTPHeaders({ 'Accept-Language': lang })
  return page
}

const text = (page: Page, selector: string) => page.$eval(selector, (element) => element.textContent?.replace(/\s+/g, ' ').trim() ?? '')
const value = (page: Page, selector: string) => page.$eval(selector, (element) => (element as HTMLInputElement).value)

const replaceValue = async (page: Page, selector: string, next: string) => {
  await page.$eval(selector, (element) => {
    ;(element as HTMLInputElement).value = ''
  })
  await page.type(selector, next)
}

/** axe-core on the page as it stands (a scriptless tab gets scripts back for the check only); its picture kept. */
const check = async (page: Page, name: string) => {
  await screenshot(page, name)
  const scriptless = !page.isJavaScriptEnabled()
  if (scriptless) await page.setJavaScriptEnabled(true)
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([])
  if (scriptless) await page.setJavaScriptEnabled(false)
}

/** The link the confirmation gives a start-up (functions/website/apply/confirmation.ts). */
const linkOf = ({ applicationId, withdrawalToken }: Member, token = withdrawalToken) =>
  `${server.url}/applications/${applicationId}/report-outcomes?token=${encodeURIComponent(token)}`

const reportsOf = async ({ startupId }: Member) => server.store.readStream(`outcomes-ces-2020.${startupId}`)

const submit = (page: Page, selector = 'form.outcomes button[type="submit"]') =>
  Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)])

beforeAll(async () => {
  server = await pageServer({ now: () => now })
  chromium = await launchChromium()
  const admin = { Authorization: `Bearer ${await server.token(['admin'])}`, 'Content-Type': 'application/json' }
  const created = await server.app.request('/editions', { method: 'POST', headers: admin, body: JSON.stringify(editionBody('ces-2020')) })
  expect(created.status).toBe(201)
  const apply = async (seed: number): Promise<Member> => {
    const body = JSON.stringify(applicationBody(validSiret(seed)))
    const answer = await server.app.request('/editions/ces-2020/applications', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
    expect(answer.status).toBe(201)
    const applied = (await answer.json()) as Member
    const decided = await server.app.request(`/applications/${applied.applicationId}/decision`, { method: 'POST', headers: admin, body: '{"decision":"selected"}' })
    expect(decided.status).toBe(200)
    return applied
  }
  member = await apply(77_000_001)
  other = await apply(77_000_002)
  now = new Date('2020-01-27T09:00:00Z')
}, timeout)

afterAll(async () => {
  await chromium?.close()
  await server?.close()
})

describe('a member start-up’s outcomes page, in Chromium', () => {
  it('works without JavaScript in French: numbers typed the French way, each refusal beside its field', async () => {
    const page = await newPage()
    await page.setJavaScriptEnabled(false)
    await page.goto(linkOf(member))
    expect(await page.$eval('html', (element) => element.lang)).toBe('fr')
    expect(await text(page, 'h1')).toBe('Ce que vous avez rapporté de CES Las Vegas 2020')
    await check(page, 'outcomes-form-fr')

    await page.type('#f-businessContacts', '1 200')
    await page.type('#f-dealsSigned', '2')
    await page.select('#f-dealsValueBand', '100k-1m')
    await page.type('#f-fundsRaisedEur', '450 000')
    await page.type('#f-pressArticles', '3')
    await page.type('#f-jobsCreated', 'deux')
    await page.type('#f-jobsPlanned', '4')
    await page.type('#f-noteForStaff', 'Un distributeur rencontré au salon.')
    await submit(page)
    expect(await text(page, '#f-jobsCreated-error')).toContain('Donnez un nombre entier')
    expect(await page.$eval('#f-jobsCreated', (e) => e.getAttribute('aria-describedby'))).toContain('f-jobsCreated-error')
    expect(await page.$eval('#f-jobsCreated', (e) => e.getAttribute('aria-invalid'))).toBe('true')
    expect(await value(page, '#f-jobsCreated')).toBe('deux')
    expect(await value(page, '#f-businessContacts')).toBe('1 200')
    expect(await reportsOf(member)).toEqual([])
    await check(page, 'outcomes-errors-no-js')

    await replaceValue(page, '#f-jobsCreated', '1')
    await submit(page)
    expect(await text(page, 'h1')).toBe('Merci, c’est enregistré')
    expect(await text(page, '[role="status"]')).toContain('(version 1)')
    await check(page, 'outcomes-done')
    const [report] = await reportsOf(member)
    expect(report?.data).toMatchObject({
      revision: 1,
      businessContacts: 1200,
      dealsSigned: 2,
      dealsValueBand: '100k-1m',
      fundsRaisedEur: 450_000,
      jobsCreated: 1,
      reportedBy: { by: 'startup' },
    })
    await page.close()
  }, timeout)

  it('with JavaScript in English, shows the last answer, sends with fetch and replaces it', async () => {
    const page = await newPage('en-GB,en;q=0.9')
    await page.goto(linkOf(member))
    expect(await text(page, 'h1')).toBe('What you brought back from CES Las Vegas 2020')
    expect(await text(page, '#supersedes')).toContain('version 1')
    expect(await value(page, '#f-businessContacts')).toBe('1200')
    // The note to staff is never read back to the link's holder: a new report brings its own.
    expect(await value(page, '#f-noteForStaff')).toBe('')
    await page.type('#f-noteForStaff', 'Two more articles since.')
    await page.evaluate(() => {
      ;(window as unknown as { sameDocument: boolean }).sameDocument = true
    })
    await replaceValue(page, '#f-pressArticles', '2.5')
    await page.click('form.outcomes button[type="submit"]')
    await page.waitForSelector('#error-summary')
    expect(await text(page, '#f-pressArticles-error')).toContain('whole number')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary')
    await check(page, 'outcomes-errors-js-en')

    await replaceValue(page, '#f-pressArticles', '5')
    await page.click('form.outcomes button[type="submit"]')
    await page.waitForSelector('#outcomes-done')
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true)
    expect(await text(page, '[role="status"]')).toContain('(version 2)')
    expect((await reportsOf(member)).map((event) => (event.data as { pressArticles: number }).pressArticles)).toEqual([3, 5])
    await page.close()
  }, timeout)

  it('opens nothing with another start-up’s link or a tampered one', async () => {
    const page = await newPage()
    for (const [name, link] of [
      ['outcomes-other-link', linkOf(member, other.withdrawalToken)],
      ['outcomes-tampered-link', linkOf(member, `${member.withdrawalToken.slice(0, -1)}${member.withdrawalToken.endsWith('A') ? 'B' : 'A'}`)],
    ] as const) {
      const response = await page.goto(link)
      expect(response?.status()).toBe(403)
      expect(await page.$('form.outcomes')).toBeNull()
      expect(await text(page, 'main')).toContain('Ce lien n’est pas valide pour cette candidature')
      await check(page, name)
    }
    expect(await reportsOf(other)).toEqual([])
    await page.close()
  }, timeout)
})

describe('the outcomes and Team Sud Export in the back-office, in Chromium', () => {
  it('lists the answers, records staff’s correction, Team Sud Export’s figures, and shows them on the dashboard', async () => {
    await server.catchUp()
    const page = await newPage()
    await page.goto(`${server.url}/staff/editions/ces-2020`)
    expect(page.url()).toContain('/staff/sign-in')
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')])
    expect(new URL(page.url()).pathname).toBe('/staff/editions/ces-2020')
    expect(await text(page, '#outcomes')).toContain('1 membre(s) sur 2 ont répondu.')
    expect(await text(page, `#outcomes tr[data-startup-id="${other.startupId}"] td`)).toBe('pas encore')
    await check(page, 'staff-edition-outcomes')

    // The member's page: its latest figures and its note to staff, corrected pinned to that version.
    await Promise.all([page.waitForNavigation(), page.click(`#outcomes tr[data-startup-id="${member.startupId}"] a`)])
    expect(await value(page, '#f-pressArticles')).toBe('5')
    expect(await value(page, '#f-noteForStaff')).toBe('Two more articles since.')
    await check(page, 'staff-member-outcomes')
    await replaceValue(page, '#f-businessContacts', '80')
    await submit(page)
    expect(new URL(page.url()).pathname).toBe('/staff/editions/ces-2020')
    expect(await text(page, '.notice.done')).toContain('Enregistré.')
    const last = (await reportsOf(member)).at(-1)
    expect(last?.data).toMatchObject({ revision: 3, businessContacts: 80, pressArticles: 5, reportedBy: { by: 'staff' } })

    // Team Sud Export, reached from the staff menu: a line that is not one is named, then the record is kept.
    await Promise.all([page.waitForNavigation(), page.click('nav.staff a[href="/staff/team-sud-export"]')])
    expect(await text(page, 'h1')).toBe('Team Sud Export')
    await check(page, 'staff-team-sud-export-empty')
    await page.type('#f-prospection-recordId', 'prospection-2019-q4')
    await page.type('#f-prospection-from', '2019-10-01')
    await page.type('#f-prospection-to', '2019-12-31')
    await page.type('#f-prospection-rows', 'US smart-tech 120\nJP santé')
    await submit(page, '#prospection-form button[type="submit"]')
    expect(await text(page, '#f-prospection-rows-error')).toContain('Ligne 2')
    expect(await value(page, '#f-prospection-rows')).toBe('US smart-tech 120\nJP santé')
    await check(page, 'staff-team-sud-export-error')
    await replaceValue(page, '#f-prospection-rows', 'US smart-tech 120\nJP health 30')
    await submit(page, '#prospection-form button[type="submit"]')
    expect(new URL(page.url()).search, await text(page, 'main')).toBe('?year=2019&done=prospection-2019-q4')
    expect(await text(page, '#prospection-records tbody tr th')).toBe('prospection-2019-q4')

    await server.catchUp()
    await page.reload()
    expect(await text(page, '#export-cumulative')).toContain('150 entreprises étrangères prospectées')
    await check(page, 'staff-team-sud-export')

    await page.goto(`${server.url}/staff/dashboard`)
    expect(await page.$eval('#export-headline', (p) => Number(p.getAttribute('data-prospected')))).toBe(150)
    // One member of two answered: the edition is counted, its figures withheld (fewer than three members).
    const answers = await page.$$eval('#outcomes-answers-table tbody tr > *', (cells) => cells.map((cell) => cell.textContent?.trim()))
    expect(answers).toEqual(['CES 2020', '2', '1'])
    await check(page, 'dashboard-outcomes-few')
    await page.close()
  }, timeout)
})
