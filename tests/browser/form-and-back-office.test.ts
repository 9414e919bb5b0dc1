import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { editionBody, validSiret } from '../fixtures/requests.js'
import { seriousViolations } from './axe.js'
import { launchChromium } from './chromium.js'
import { pageServer, type PageServer } from './page-server.js'
import { screenshot } from './screenshots.js'

/**
 * The "Must show", in a real headless Chromium against the app on DynamoDB Local:
 * the form without then with JavaScript, its messages beside the fields, a double click,
 * the withdrawal link, the staff sign-in, a decision and a stale second tab; every page
 * checked by axe-core and photographed (tests/browser/screenshots).
 */

let server: PageServer
let chromium: Awaited<ReturnType<typeof launchChromium>>
const timeout = 120_000

/** A tab whose browser prefers French, as the Région's readers' do (the default is English here). */
const newPage = async (lang = 'fr-FR,fr;q=0.9') => {
  const page = await chromium.browser.newPage()
  await page.setExtraHTTPHeaders({ 'Accept-Language': lang })
  return page
}

const text = (page: Page, selector: string) => page.$eval(selector, (element) => element.textContent?.trim() ?? '')
const value = (page: Page, selector: string) => page.$eval(selector, (element) => (element as HTMLInputElement).value)

/**
 * A page must have no serious or critical axe violation; its picture is kept either way.
 * axe runs as a script: a tab without JavaScript gets it back for the check only (the
 * page's own script, not run at load, stays unrun).
 */
const check = async (page: Page, name: string) => {
  await screenshot(page, name)
  const scriptless = !page.isJavaScriptEnabled()
  if (scriptless) await page.setJavaScriptEnabled(true)
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([])
  if (scriptless) await page.setJavaScriptEnabled(false)
}

interface Applicant {
  name: string
  siret: string
  consent: boolean
}

const fill = async (page: Page, { name, siret, consent }: Applicant) => {
  await page.type('#f-startup-name', name)
  await page.type('#f-startup-siret', siret)
  await page.type('#f-startup-city', 'Marseille')
  await page.select('#f-startup-territory', 'aix-marseille-provence')
  await page.type('#f-startup-website', 'https://calanques.example')
  await page.click('#f-startup-themes-0')
  await page.type('#f-startup-description', 'Dessalement solaire.')
  await page.type('#f-contact-name', 'Inès Martin')
  await page.type('#f-contact-email', 'ines@calanques.example')
  await page.type('#f-pitch', 'De l’eau potable tirée de la mer, au soleil.')
  if (consent) await page.click('#f-consent')
}

const replaceValue = async (page: Page, selector: string, next: string) => {
  await page.$eval(selector, (element) => {
    ;(element as HTMLInputElement).value = ''
  })
  await page.type(selector, next)
}

/** Applications recorded for a start-up name, counted in the Events table itself. */
const submittedFor = async (startupName: string) => {
  const { Items = [] } = await server.tables.doc.send(
    new ScanCommand({ TableName: server.tables.names.events, ConsistentRead: true }),
  )
  return Items.filter(
    (item) => item.type === 'application.submitted' && (item.data as { startupName?: string }).startupName === startupName,
  ).length
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const submitAndWait = (page: Page) =>
  Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form[data-enhance] button[type="submit"]')])

const formUrl = () => `${server.url}/editions/ces-2020/apply`
const applicationIds: Record<string, string> = {}
let withdrawLink = ''

beforeAll(async () => {
  server = await pageServer()
  chromium = await launchChromium()
  const admin = { Authorization: `Bearer ${await server.token(['admin'])}`, 'Content-Type': 'application/json' }
  for (const body of [editionBody('ces-2020'), editionBody('vivatech-2019', { name: 'VivaTech 2019', show: 'VivaTech', city: 'Paris', applicationDeadline: '2019-03-01T23:59:59+01:00' })]) {
    const response = await server.app.request('/editions', { method: 'POST', headers: admin, body: JSON.stringify(body) })
    expect(response.status).toBe(201)
  }
}, 120_000)

afterAll(async () => {
  await chromium?.close()
  await server?.close()
})

describe('the registration form, in Chromium', () => {
  it('works without JavaScript: messages beside their fields, values kept, then a confirmation', async () => {
    const page = await newPage()
    await page.setJavaScriptEnabled(false)
    await page.goto(formUrl())
    expect(await page.$eval('html', (element) => element.lang)).toBe('fr')
    await check(page, 'form-fr')

    // A SIRET whose check digit is wrong, and no consent.
    await fill(page, { name: 'Calanques Tech', siret: '73282932000075', consent: false })
    await submitAndWait(page)
    expect(await text(page, '#f-startup-siret-error')).toContain('clé de contrôle est fausse')
    expect(await text(page, '#f-consent-error')).toContain('consentement')
    expect(await page.$eval('#f-startup-siret', (e) => e.getAttribute('aria-describedby'))).toContain('f-startup-siret-error')
    expect(await page.$eval('#f-consent', (e) => e.getAttribute('aria-describedby'))).toContain('f-consent-error')
    expect(await page.$eval('#f-startup-siret', (e) => e.getAttribute('aria-invalid'))).toBe('true')
    expect(await value(page, '#f-startup-siret')).toBe('73282932000075')
    expect(await value(page, '#f-startup-name')).toBe('Calanques Tech')
    expect(await value(page, '#f-contact-email')).toBe('ines@calanques.example')
    expect(await page.$eval('#f-startup-themes-0', (e) => (e as HTMLInputElement).checked)).toBe(true)
    await check(page, 'form-errors-no-js')

    await replaceValue(page, '#f-startup-siret', '73282932000074')
    await page.click('#f-consent')
    await submitAndWait(page)
    expect(await text(page, 'h1')).toBe('Candidature enregistrée')
    applicationIds.noScript = await text(page, '#application-id')
    expect(await submittedFor('Calanques Tech')).toBe(1)
    await check(page, 'form-confirmation')
    await page.close()
  }, timeout)

  it('with JavaScript, sends with fetch and shows the same messages without a reload', async () => {
    const page = await newPage()
    await page.goto(`${formUrl()}?lang=en`)
    await page.evaluate(() => {
      ;(window as unknown as { sameDocument: boolean }).sameDocument = true
    })
    await fill(page, { name: 'Mistral Capteurs', siret: validSiret(443061841), consent: false })
    await page.$eval('#f-startup-siret', (element) => {
      ;(element as HTMLInputElement).value = '1234'
    })
    await page.click('form[data-enhance] button[type="submit"]')
    await page.waitForSelector('#error-summary')
    expect(await text(page, '#f-startup-siret-error')).toContain('14 digits, without spaces')
    expect(await text(page, '#f-consent-error')).toContain('consent')
    expect(await value(page, '#f-startup-name')).toBe('Mistral Capteurs')
    // Focus goes to the summary, which links to each field.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary')
    await check(page, 'form-errors-js-en')

    await replaceValue(page, '#f-startup-siret', validSiret(443061841))
    await page.click('#f-consent')
    await page.click('form[data-enhance] button[type="submit"]')
    await page.waitForSelector('#confirmed')
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true)
    applicationIds.script = await text(page, '#application-id')
    expect(await submittedFor('Mistral Capteurs')).toBe(1)
    await page.close()
  }, timeout)

  it('a double click writes one application, with or without JavaScript', async () => {
    // A slow network, so the second click leaves before the first answer arrives.
    server.setPostDelay(400)
    const posted = () => server.posts.filter((path) => path.endsWith('/apply')).length

    const plain = await newPage()
    await plain.setJavaScriptEnabled(false)
    await plain.goto(formUrl())
    await fill(plain, { name: 'Lavande Robotique', siret: validSiret(356000001), consent: true })
    let before = posted()
    const button = 'form[data-enhance] button[type="submit"]'
    // Mouse events at the button's place: a second click on the page still shown.
    const handle = await plain.$(button)
    await handle?.scrollIntoView()
    const box = await handle?.boundingBox()
    if (!box) throw new Error('no submit button')
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2]
    const landed = plain.waitForNavigation()
    await plain.mouse.click(x, y)
    await sleep(100)
    await plain.mouse.click(x, y)
    await landed
    expect(await text(plain, 'h1')).toBe('Candidature enregistrée')
    // The browser sent the form twice; its hidden Idempotency-Key made the second a replay.
    expect(posted() - before).toBe(2)
    expect(await submittedFor('Lavande Robotique')).toBe(1)
    withdrawLink = await plain.$eval('#withdraw-link', (element) => (element as HTMLAnchorElement).href)
    await plain.close()

    const scripted = await newPage()
    await scripted.goto(formUrl())
    await fill(scripted, { name: 'Garrigue Énergie', siret: validSiret(443061842), consent: true })
    before = posted()
    await scripted.click(button, { count: 2 })
    await scripted.waitForSelector('#confirmed')
    // The script sends once and ignores the second click while the first is in flight.
    expect(posted() - before).toBe(1)
    expect(await submittedFor('Garrigue Énergie')).toBe(1)
    await scripted.close()
    server.setPostDelay(0)
  }, timeout)

  it('the confirmation’s link asks before it withdraws', async () => {
    const page = await newPage()
    await page.goto(withdrawLink)
    expect(await text(page, 'h1')).toBe('Retirer une candidature')
    await check(page, 'withdraw-question')
    await Promise.all([page.waitForNavigation(), page.click('button[value="withdraw"]')])
    expect(await text(page, 'h1')).toBe('Candidature retirée')
    await check(page, 'withdraw-done')
    await page.close()
  }, timeout)

  it('says so instead of showing the form once the deadline has passed', async () => {
    const page = await newPage()
    const response = await page.goto(`${server.url}/editions/vivatech-2019/apply`)
    expect(response?.status()).toBe(410)
    expect(await text(page, '.message')).toContain('est passée')
    expect(await page.$('form[data-enhance]')).toBeNull()
    await check(page, 'form-deadline-passed')
    await page.close()
  }, timeout)
})

describe('an address that does not exist, in Chromium', () => {
  it('is a page in the reader’s language, not the API’s JSON', async () => {
    const page = await newPage()
    const response = await page.goto(`${server.url}/editions/ces-2020/aply`)
    expect(response?.status()).toBe(404)
    expect(response?.headers()['content-type']).toBe('text/html; charset=UTF-8')
    expect(await text(page, 'h1')).toBe('Page introuvable')
    await check(page, 'not-found')
    await page.close()
  }, timeout)
})

describe('the staff back-office, in Chromium', () => {
  it('signs in locally, shows the applications and refuses a decision from a stale tab', async () => {
    await server.catchUp()
    const first = await newPage()
    await first.goto(`${server.url}/staff/editions/ces-2020`)
    // No session yet: the sign-in page (the development one, as under npm start).
    expect(first.url()).toContain('/staff/sign-in')
    await check(first, 'staff-sign-in-dev')
    await Promise.all([first.waitForNavigation(), first.click('button[type="submit"]')])
    expect(new URL(first.url()).pathname).toBe('/staff/editions/ces-2020')
    const rows = await first.$$eval('tbody tr th[scope="row"]', (cells) => cells.map((cell) => cell.textContent?.trim()))
    expect(rows).toEqual(expect.arrayContaining(['Calanques Tech', 'Mistral Capteurs', 'Lavande Robotique']))
    expect(await text(first, `tr[data-application-id="${applicationIds.noScript}"] .status`)).toBe('en attente')
    await check(first, 'staff-edition')
    // The decisions fit the window: nobody scrolls sideways to reach a button.
    expect(await first.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)

    const second = await newPage()
    await second.goto(`${server.url}/staff/editions/ces-2020?status=submitted`)
    const row = (id: string | undefined) => `tr[data-application-id="${id}"]`

    // Input goes to the tab in front, as a person's would.
    await first.bringToFront()
    await Promise.all([first.waitForNavigation(), first.click(`${row(applicationIds.noScript)} button[value="selected"]`)])
    expect(await text(first, '.notice.done')).toContain('Calanques Tech : candidature sélectionnée')

    // The second tab still shows version 1 of that application: its rejection is refused.
    await second.bringToFront()
    await Promise.all([second.waitForNavigation(), second.click(`${row(applicationIds.noScript)} button[value="rejected"]`)])
    expect(await text(second, '[role="alert"]')).toContain('a changé depuis l’affichage de cette page')
    await check(second, 'staff-stale-decision')

    await server.catchUp()
    await first.bringToFront()
    await first.goto(`${server.url}/staff/editions/ces-2020?status=selected`)
    expect(await text(first, `${row(applicationIds.noScript)} .status`)).toBe('sélectionnée')

    // An award for the new member, then the same award again: the rule refuses it, in French.
    const recordAward = async () => {
      await first.select('#award-level', 'honoree')
      await first.type('#award-category', 'Smart Cities')
      await Promise.all([first.waitForNavigation(), first.click('section[aria-labelledby="awards-title"] button[type="submit"]')])
    }
    await recordAward()
    expect(await text(first, '.notice.done')).toContain('Enregistré.')
    await recordAward()
    expect(await text(first, '[role="alert"]')).toBe(
      'Action refusée : Ce prix (Honoree, catégorie « Smart Cities ») est déjà enregistré pour cette start-up.',
    )
    await check(first, 'staff-award-refused')
    await first.goto(`${server.url}/staff`)
    await check(first, 'staff-editions')
    const csv = await first.evaluate(async () => (await fetch('/staff/editions/ces-2020/delegation.csv')).text())
    expect(csv).toContain('Calanques Tech')

    await Promise.all([first.waitForNavigation(), first.click('form.sign-out button')])
    expect(new URL(first.url()).pathname).toBe('/staff/signed-out')
    await check(first, 'staff-signed-out')
    await first.goto(`${server.url}/staff`)
    expect(first.url()).toContain('/staff/sign-in')
    await first.close()
    await second.close()
  }, timeout)
})
