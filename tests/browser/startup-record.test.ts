import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applicationBody, editionBody, validSiret } from '../fixtures/requests.js'
import { seriousViolations } from './axe.js'
import { launchChromium } from './chromium.js'
import { pageServer, type PageServer } from './page-server.js'
import { screenshot } from './screenshots.js'

/**
 * Issue 20's staff actions on a start-up's record, as a staff member uses them in a real
 * headless Chromium: someone registers a start-up first with a SIRET that is not theirs,
 * its real contact's application is held; staff open the start-up from the edition's
 * list, are told which field a half-filled correction lacks (nothing recorded), correct
 * its website, are told in French that the same correction again changes nothing, then give it back to its real representatives. Each page axe-checked and
 * photographed.
 */

let server: PageServer
let chromium: Awaited<ReturnType<typeof launchChromium>>
let admin: Record<string, string>
let startupId = ''
const siret = validSiret(20_000_001)
const squatter = { name: 'Faux Contact', email: 'faux@squat.example' }

const text = (page: Page, selector: string) => page.$eval(selector, (element) => element.textContent?.trim() ?? '')

const check = async (page: Page, name: string) => {
  await screenshot(page, name)
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([])
}

/** The start-up's events, as staff read its stream through the API. */
const recordEvents = async () => {
  const response = await server.app.request(`/streams/startup-${startupId}`, { headers: admin })
  expect(response.status).toBe(200)
  return ((await response.json()) as { events: { type: string }[] }).events.map((event) => event.type)
}

const submit = (page: Page, form: string) =>
  Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(`${form} button[type="submit"]`)])

beforeAll(async () => {
  server = await pageServer()
  chromium = await launchChromium()
  admin = { Authorization: `Bearer ${await server.token(['admin'])}`, 'Content-Type': 'application/json' }
  const post = (path: string, body: unknown) => server.app.request(path, { method: 'POST', headers: admin, body: JSON.stringify(body) })
  expect((await post('/editions', editionBody('ces-2020'))).status).toBe(201)
  // Someone else registers the start-up first, under a name and website of their own.
  const first = await post(
    '/editions/ces-2020/applications',
    applicationBody(siret, {
      startup: { ...applicationBody(siret).startup, name: 'Calanques Tek', website: 'https://squat.example' },
      contact: squatter,
    }),
  )
  expect(first.status).toBe(201)
  startupId = ((await first.json()) as { startupId: string }).startupId
  // The real contact applies: held for staff (the answer says only 'received').
  expect((await post('/editions/ces-2020/applications', applicationBody(siret))).status).toBe(201)
  await server.catchUp()
}, 120_000)

afterAll(async () => {
  await chromium?.close()
  await server?.close()
})

describe('a start-up’s record in the back-office, in Chromium', () => {
  it('opens from the edition, names the field a correction lacks, corrects the website, then gives the start-up back', async () => {
    const page = await chromium.browser.newPage()
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'fr-FR,fr;q=0.9' })
    await page.goto(`${server.url}/staff/editions/ces-2020`)
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]) // development sign-in
    await Promise.all([page.waitForNavigation(), page.click('tbody th[scope="row"] a')])
    expect(new URL(page.url()).pathname).toBe(`/staff/startups/${startupId}`)
    expect(await text(page, 'h1')).toBe('Start-up : Calanques Tek')
    expect(await text(page, '.profile .website')).toBe('https://squat.example')
    await check(page, 'staff-startup-record')
    const before = await recordEvents()

    // A contact without its address: the API's problem names the field; nothing recorded.
    await page.type('#correct-contact-name', 'Inès Martin')
    await page.type('#correct-reason', 'Nouvelle personne de contact')
    await submit(page, '#correction')
    const refused = await text(page, '[role="alert"]')
    expect(refused).toContain('Certains champs sont à corriger.')
    expect(refused).toContain('Adresse e-mail :')
    expect(refused).not.toContain('contact.email')
    await check(page, 'staff-startup-correction-refused')
    expect(await recordEvents()).toEqual(before)

    // The website alone, with why.
    await page.type('#correct-website', 'https://calanques-tek.example')
    await page.type('#correct-reason', 'Site web corrigé à la demande de la start-up')
    await submit(page, '#correction')
    expect(await text(page, '[role="status"].notice')).toContain('Correction enregistrée.')
    expect(await recordEvents()).toEqual([...before, 'startup.profile-corrected'])
    await server.catchUp()
    await page.reload()
    expect(await text(page, '.profile .website')).toBe('https://calanques-tek.example')

    // The same correction again: the domain's rule refuses it, said in French, nothing recorded.
    const corrected = await recordEvents()
    await page.type('#correct-website', 'https://calanques-tek.example')
    await page.type('#correct-reason', 'Envoyée deux fois')
    await submit(page, '#correction')
    const unchanged = await text(page, '[role="alert"]')
    expect(unchanged).toBe('Rien n’a été enregistré : Cette correction ne change rien : chaque champ donné est déjà celui enregistré.')
    await check(page, 'staff-startup-correction-unchanged')
    expect(await recordEvents()).toEqual(corrected)

    // The real representatives: their name, description and contact, with the reason.
    await page.$eval('#recover-name', (input) => {
      ;(input as HTMLInputElement).value = ''
    })
    await page.type('#recover-name', 'Calanques Tech')
    await page.type('#recover-description', 'Dessalement solaire pour les îles et les bateaux.')
    await page.type('#recover-contact-name', 'Inès Martin')
    await page.type('#recover-contact-email', 'ines@calanques.example')
    await page.type('#recover-reason', 'Inscrite d’abord par un tiers : rendue à sa CEO')
    await submit(page, '#recovery')
    expect(await text(page, '[role="status"].notice')).toContain('Start-up rendue à ses vrais représentants.')
    expect((await recordEvents()).at(-1)).toBe('startup.recovered')
    await server.catchUp()
    await page.reload()
    expect(await text(page, 'h1')).toBe('Start-up : Calanques Tech')
    await check(page, 'staff-startup-recovered')
    await page.close()
  }, 120_000)
})
