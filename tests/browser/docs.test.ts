/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiHarness } from '../functions/http/api-harness.js'
import { nodeServer } from '../functions/http/transports.js'
import { launchChromium, type Chromium } from './chromium.js'

interface OpenApi {
  info: { title: string }
  paths: Record<string, Record<string, unknown>>
}

/**
 * `/docs` as a person sees it: the app on @hono/node-server over loopback, the page in
 * headless Chromium that may reach that server and nothing else.
 */
describe('/docs in a real browser, with no network but loopback', () => {
  let chromium: Chromium
  const transport = nodeServer()
  let origin = ''

  beforeAll(async () => {
    const harness = await apiHarness()
    await transport.start(harness.app)
    origin = transport.origin ?? ''
    chromium = await launchChromium()
  }, 60_000)

  afterAll(async () => {
    await chromium?.close()
    await transport.stop()
  })

  it('shows the API title and every operation, having fetched nothing from elsewhere', async () => {
    const spec = (await (await fetch(`${origin}/openapi.json`)).json()) as OpenApi
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    )
    const { page, blocked, console } = await chromium.page(origin)
    await page.setViewport({ width: 1400, height: 900 })
    const response = await page.goto(`${origin}/docs`, { waitUntil: 'networkidle0', timeout: 60_000 })
    expect(response?.status()).toBe(200)
    await page.waitForFunction((title) => document.body.innerText.includes(title), { timeout: 60_000 }, spec.info.title)
    expect(await page.$eval('h1', (h1) => h1.textContent?.trim())).toBe(spec.info.title)

    // Each tag's section lists its operations (method and path) as it scrolls into view.
    const seen = new Set<string>()
    for (let step = 0; step < 60 && seen.size < operations.length; step++) {
      const text = await page.evaluate(() => {
        window.scrollBy(0, 600)
        return document.body.innerText.replace(/\s+/g, ' ')
      })
      for (const operation of operations) if (text.includes(operation)) seen.add(operation)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(operations.filter((operation) => !seen.has(operation))).toEqual([])
    expect(operations.length).toBeGreaterThan(25)

    expect(blocked).toEqual([])
    expect(console.filter((line) => /Content Security Policy|Refused to|pageerror/i.test(line))).toEqual([])
  }, 120_000)
})
