import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventTypes } from '../../domain/events/index.js'
import { signPartnerUserToken } from '../../local/dev-tokens.js'
import { testNow } from '../functions/http/api-harness.js'
import { applicationBody, validSiret } from '../fixtures/requests.js'
import { launchChromium } from './chromium.js'
import { pageServer, type PageServer } from './page-server.js'
import { check, newPage, nice, registerPartners, signIn, submit } from './portal-world.js'

/**
 * The portal's latest events (`/portal/feed`), in a real headless Chromium without
 * JavaScript, against the app on DynamoDB Local. Staff actions make shared events (an
 * edition, partners, a selection, an award) and withheld ones (start-ups registered,
 * applications); the page lists the shared ones newest first with their sequence, the same
 * as the API's feed, never a withheld one nor a start-up's private data; the type filter
 * and the older pages work. Every state photographed and checked by axe-core.
 */

let server: PageServer
let chromium: Awaited<ReturnType<typeof launchChromium>>
const timeout = 180_000
const french = 'fr-FR,fr;q=0.9'
const english = 'en-GB,en;q=0.9'

interface ApiEvent {
  sequence: number
  type: string
  data: Record<string, unknown>
}

/** Every event of the feed as the API gives it to the partner's users, oldest first. */
const apiFeed = async (): Promise<ApiEvent[]> => {
  const token = await signPartnerUserToken(server.key, nice)
  const response = await fetch(`${server.url}/feed?limit=500`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { events: ApiEvent[] }).events
}

/** The page's rows: each event's number and type. */
const rows = (page: Page) =>
  page.$$eval('main table tbody tr', (trs) =>
    trs.map((tr) => ({
      sequence: Number(tr.querySelector('th')?.textContent?.trim()),
      type: tr.querySelector('td code')?.textContent?.trim() ?? '',
    })),
  )

const follow = (page: Page, selector: string) =>
  Promise.all([page.waitForNavigation(), page.click(selector)])

beforeAll(async () => {
  server = await pageServer({ now: () => new Date(testNow) })
  await registerPartners(server)
  const admin = {
    Authorization: `Bearer ${await server.token(['admin'])}`,
    'Content-Type': 'application/json',
  }
  const post = async (path: string, body: unknown) => {
    const response = await server.app.request(path, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(body),
    })
    expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300)
    return (await response.json()) as Record<string, string>
  }
  // Withheld: two start-ups registered and their applications; one is then selected
  // (shared: the selection and the start-up's public profile) and wins an award.
  const selected = await post(
    '/editions/ces-2020/applications',
    applicationBody(validSiret(22_000_001)),
  )
  await post('/editions/ces-2020/applications', applicationBody(validSiret(22_000_002)))
  await post(`/applications/${selected.applicationId}/decision`, { decision: 'selected' })
  await post('/editions/ces-2020/awards', {
    startupId: selected.startupId,
    award: 'honoree',
    category: 'Health & Wellness',
  })
  // Enough partners joining for older pages (50 events a page; each partner registered, then joined).
  for (let i = 1; i <= 48; i += 1) {
    await post('/editions/ces-2020/partners', {
      partnerId: `partner-${i}`,
      name: `Partner ${i}`,
      kind: 'other',
      contribution: 'Stands',
    })
  }
  await server.catchUp()
  chromium = await launchChromium()
}, 240_000)

afterAll(async () => {
  await chromium?.close()
  await server?.close()
})

describe('the portal’s latest events', () => {
  it(
    'lists the shared events newest first with their sequence, and pages to older ones and back',
    async () => {
      const shared = await apiFeed()
      const types = shared.map((event) => event.type)
      expect(types).toContain('award.won')
      expect(types).toContain('startup.profile-published')
      expect(shared.length).toBeGreaterThan(100)
      const newestFirst = [...shared].reverse().map(({ sequence, type }) => ({ sequence, type }))

      const page = await newPage(chromium, english)
      await signIn(server, page, nice)
      await follow(page, 'nav a[href="/portal/feed"]')
      expect(new URL(page.url()).pathname).toBe('/portal/feed')
      expect(await rows(page)).toEqual(newestFirst.slice(0, 50))
      const html = await page.content()
      expect(html).not.toMatch(
        /startup\.registered|application\.submitted|Inès|ines@calanques|sea water/,
      )
      // Each type with what it means: the contract's own summary on the English page.
      const summary = await page.$eval('main tbody tr td span', (span) => span.textContent)
      expect(summary).toBe(eventTypes[newestFirst[0]!.type as keyof typeof eventTypes].summary)
      await check(page, 'portal-feed-en')

      // Older: the rest, continuing downwards; the way back to the newest.
      await follow(page, 'main a[rel="next"]')
      expect(await rows(page)).toEqual(newestFirst.slice(50, 100))
      await check(page, 'portal-feed-older-en')
      await follow(page, 'main a[rel="next"]')
      expect(await rows(page)).toEqual(newestFirst.slice(100))
      expect(newestFirst.at(-1)).toEqual({ sequence: 1, type: 'edition.opened' })
      expect(await page.$('main a[rel="next"]')).toBeNull()
      await follow(page, 'main p a[href^="/portal/feed"]')
      expect((await rows(page))[0]).toEqual(newestFirst[0])
    },
    timeout,
  )

  it(
    'filters by type, in French, from a plain form',
    async () => {
      const shared = await apiFeed()
      const page = await newPage(chromium, french)
      await signIn(server, page, nice)
      await follow(page, 'nav a[href="/portal/feed"]')
      expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Derniers événements')
      await page.select('#f-type', 'award.won')
      expect(await submit(page, 'form.filters')).toBe(200)
      expect(new URL(page.url()).search).toContain('type=award.won')
      const awards = shared.filter((event) => event.type === 'award.won').reverse()
      expect(awards).toHaveLength(1)
      expect(await rows(page)).toEqual(awards.map(({ sequence, type }) => ({ sequence, type })))
      const fields = await page.$$eval('main dt', (dts) => dts.map((dt) => dt.textContent?.trim()))
      expect(fields.sort()).toEqual(Object.keys(awards[0]!.data).sort())
      expect(await page.$('main a[rel="next"]')).toBeNull()
      // What the type means, in French.
      expect(await page.$eval('main tbody tr td span', (span) => span.textContent)).toBe(
        'Un membre d’une délégation a gagné un CES Innovation Award (honoree ou best of innovation).',
      )
      await check(page, 'portal-feed-awards-fr')
    },
    timeout,
  )
})
