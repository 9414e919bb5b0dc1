import type { Page } from 'puppeteer-core'
import { expect } from 'vitest'
import { editionBody } from '../fixtures/requests.js'
import { seriousViolations } from './axe.js'
import type { Chromium } from './chromium.js'
import type { PageServer } from './page-server.js'
import { screenshot } from './screenshots.js'

/**
 * What the portal's browser tests share: two registered partners on a fresh page server,
 * a fresh browser profile per user, the development sign-in, the photo and axe check of a
 * state, and a post crafted as a browser of this origin would send it.
 */

export const nice = 'nice-cote-d-azur'
export const toulon = 'toulon'

/** Edition `ces-2020` and the two partners, and the reports the development sign-in lists. */
export const registerPartners = async (server: PageServer) => {
  const headers = {
    Authorization: `Bearer ${await server.token(['admin'])}`,
    'Content-Type': 'application/json',
  }
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  }
  await post('/editions', editionBody('ces-2020'))
  for (const [partnerId, name] of [
    [nice, 'Métropole Nice Côte d’Azur'],
    [toulon, 'Toulon Provence Méditerranée'],
  ] as const) {
    await post('/editions/ces-2020/partners', { partnerId, name, kind: 'metropolis', contribution: 'Stands' })
  }
  await server.catchUp()
}

/** A fresh browser profile (its own cookies) without JavaScript, preferring `lang`. */
export const newPage = async (chromium: Chromium, lang: string) => {
  const context = await chromium.browser.createBrowserContext()
  const page = await context.newPage()
  await page.setJavaScriptEnabled(false)
  await page.setExtraHTTPHeaders({ 'Accept-Language': lang })
  return page
}

/** Signs in through `/portal` as one of `partnerId`'s people, with the development sign-in. */
export const signIn = async (server: PageServer, page: Page, partnerId: string) => {
  await page.goto(`${server.url}/portal`)
  expect(new URL(page.url()).pathname).toBe('/staff/sign-in')
  await page.click('#role-partner')
  await page.select('#partner-id', partnerId)
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')])
  expect(new URL(page.url()).pathname).toBe('/portal')
}

/** A photo of the page as it stands, and axe-core's serious or critical violations: none. */
export const check = async (page: Page, name: string) => {
  await screenshot(page, name)
  await page.setJavaScriptEnabled(true)
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([])
  await page.setJavaScriptEnabled(false)
}

export const text = (page: Page, selector: string) =>
  page.$eval(selector, (element) => element.textContent?.trim().replace(/\s+/g, ' ') ?? '')

/** Submits the form `selector` by its button and waits for the answer page (its tab in front). */
export const submit = async (page: Page, selector: string) => {
  await page.bringToFront()
  const [response] = await Promise.all([page.waitForNavigation(), page.click(`${selector} button`)])
  return response?.status()
}
