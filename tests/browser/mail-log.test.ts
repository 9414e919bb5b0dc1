import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MailSender } from '../../functions/notifier/mail-sender.js'
import { startMailCatcher } from '../../local/mail-catcher.js'
import { applicationBody, editionBody, validSiret } from '../fixtures/requests.js'
import { notifierOn } from '../functions/notifier/notifier-world.js'
import { fakeClock } from '../functions/webhooks/fixtures.js'
import { seriousViolations } from './axe.js'
import { launchChromium } from './chromium.js'
import { pageServer, type PageServer } from './page-server.js'
import { screenshot } from './screenshots.js'

/**
 * Issue 21's staff view of the mail, in a real headless Chromium: a start-up applies, the
 * notifier sends its receipt to the catcher; staff select it, and the selection's first
 * try fails; a stranger's application in its name is held, its registered contact told.
 * On the start-up's record staff see each, in French and in English: the receipt sent and
 * when, the selection to be tried again, the held notice sent, and no address anywhere.
 */

let server: PageServer
let chromium: Awaited<ReturnType<typeof launchChromium>>
let catcher: Awaited<ReturnType<typeof startMailCatcher>>
let mail: ReturnType<typeof notifierOn>
let startupId = ''
let applicationId = ''
let heldId = ''
let sentIso = ''
// The notifier's clock: a whole minute, so the page's time reads exactly.
const time = fakeClock(new Date(Math.floor(Date.now() / 60_000) * 60_000))
const contact = { name: 'Maëlle Courrier', email: 'maelle.courrier@calanques.example' }
const stranger = { name: 'Faux Courrier', email: 'faux.courrier@squat.example' }

const text = (page: Page, selector: string) => page.$eval(selector, (element) => element.textContent?.trim() ?? '')
const rows = (page: Page, id: string) =>
  page.$$eval(`.mail-log table[data-application-id="${id}"] tbody tr`, (trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim() ?? '')),
  )

/** Photographed and axe-checked; axe is a script, so a tab without JavaScript gets it back for the check only. */
const check = async (page: Page, name: string) => {
  await screenshot(page, name)
  const scriptless = !page.isJavaScriptEnabled()
  if (scriptless) await page.setJavaScriptEnabled(true)
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([])
  if (scriptless) await page.setJavaScriptEnabled(false)
}

beforeAll(async () => {
  server = await pageServer()
  chromium = await launchChromium()
  catcher = await startMailCatcher()
  mail = notifierOn({ tables: server.tables, baseUrl: server.url, catcherUrl: catcher.url, clock: time.clock })
  const admin = { Authorization: `Bearer ${await server.token(['admin'])}`, 'Content-Type': 'application/json' }
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    server.app.request(path, { method: 'POST', headers: { ...admin, ...headers }, body: JSON.stringify(body) })
  expect((await post('/editions', editionBody('ces-2020'))).status).toBe(201)
  const applied = await post('/editions/ces-2020/applications', applicationBody(validSiret(21_000_001), { contact }))
  expect(applied.status).toBe(201)
  ;({ startupId, applicationId } = (await applied.json()) as { startupId: string; applicationId: string })
  // Someone else applies in its name with another contact: held, and its registered contact told.
  const strangers = await post('/editions/ces-2020/applications', applicationBody(validSiret(21_000_001), { contact: stranger }))
  expect(strangers.status).toBe(201)
  heldId = ((await strangers.json()) as { applicationId: string }).applicationId
  await server.catchUp()
  sentIso = time.clock().toISOString()
  expect(await mail.notifier().run()).toMatchObject({ sent: 3 })
  expect((await post(`/applications/${applicationId}/decision`, { decision: 'selected' }, { 'If-Match': '"1"' })).status).toBe(200)
  await server.catchUp()
  time.advance(5 * 60_000)
  const busy: MailSender = async () => ({ kind: 'retryable', error: '421 4.3.2 Try again later' })
  expect(await mail.notifier({ send: busy }).run()).toMatchObject({ failed: 1 })
}, 120_000)

afterAll(async () => {
  mail?.close()
  await catcher?.close()
  await chromium?.close()
  await server?.close()
})

describe('the messages of a start-up’s applications in the back-office, in Chromium', () => {
  it('shows the receipt sent and when, the selection to be tried again, in French then English, no address anywhere', async () => {
    expect(catcher.messages.map((m) => m.envelope.to[0]).sort()).toEqual([contact.email, contact.email, stranger.email].sort())
    const parisTime = (iso: string, locale: string) =>
      new Date(iso).toLocaleTimeString(locale, { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' })

    const page = await chromium.browser.newPage()
    page.setDefaultTimeout(20_000)
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'fr-FR,fr;q=0.9' })
    await page.goto(`${server.url}/staff/startups/${startupId}`)
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]) // development sign-in
    expect(new URL(page.url()).pathname).toBe(`/staff/startups/${startupId}`)
    // Readable as served: the section is markup, no script builds it.
    await page.setJavaScriptEnabled(false)
    await page.reload()
    expect(await text(page, '#messages-title')).toBe('Messages')
    expect(await text(page, `#messages-${applicationId}`)).toBe('Candidature à ces-2020')
    const french = await rows(page, applicationId)
    expect(french).toHaveLength(2)
    expect(french[0]?.slice(0, 3)).toEqual(['Accusé de réception', 'Contact de la candidature', 'Envoyé'])
    expect(french[0]?.[3]).toContain(parisTime(sentIso, 'fr-FR'))
    expect(await page.$eval('.mail-log .message-received time', (t) => t.getAttribute('datetime'))).toBe(sentIso)
    expect(french[1]?.slice(0, 3)).toEqual(['Sélection', 'Contact de la candidature', 'Échec, nouvel essai prévu — 1 essai'])
    expect(french[1]?.[3]).toMatch(/^prochain essai : /)
    // The held application: its receipt to whoever sent it, the notice to the registered contact.
    expect(await text(page, `#messages-${heldId}`)).toBe('Candidature mise en attente à ces-2020 (un autre contact que celui inscrit)')
    expect((await rows(page, heldId)).map((row) => row.slice(0, 3))).toEqual([
      ['Accusé de réception', 'Contact de la candidature', 'Envoyé'],
      ['Avis au contact inscrit (candidature en attente)', 'Contact inscrit de la start-up', 'Envoyé'],
    ])
    const html = await page.content()
    for (const personal of [contact.email, contact.name, stranger.email, stranger.name, 'Courrier']) expect(html).not.toContain(personal)
    await check(page, 'staff-startup-messages')

    await page.setExtraHTTPHeaders({ 'Accept-Language': 'en-GB,en;q=0.9' })
    await page.goto(`${server.url}/staff/startups/${startupId}?lang=en`)
    const english = await rows(page, applicationId)
    expect(english.map((row) => row.slice(0, 3))).toEqual([
      ['Receipt', 'The application’s contact', 'Sent'],
      ['Selection', 'The application’s contact', 'Failed, to be tried again — 1 try'],
    ])
    expect(english[0]?.[3]).toContain(parisTime(sentIso, 'en-GB'))
    await check(page, 'staff-startup-messages-en')
    await page.close()
  }, 120_000)
})
