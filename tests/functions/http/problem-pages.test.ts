import { describe, expect, it } from 'vitest'
import { wantsPage } from '../../../functions/http/problem-pages.js'
import { apiHarness } from './api-harness.js'
import { lambdaV2 } from './transports.js'

/** What Chromium and Firefox send when a person follows a link or posts a form. */
const browser = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'Accept-Language': 'fr-FR,fr;q=0.9' }

/**
 * A person's browser that meets a problem gets a page in its reader's language, with the
 * problem's status and the headers that say when to come back; API clients keep
 * problem+json. The limits' and the body limit's refusals, answered before any route, too.
 */
describe('problems, as pages for people and as problem+json for programs', () => {
  it('tells a browser in French that an address does not exist, with a page’s security headers', async () => {
    const send = await lambdaV2().start((await apiHarness()).app)
    const page = await send('GET', '/editons/ces-2020/apply', { headers: browser })
    expect(page.status).toBe(404)
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=UTF-8')
    expect(page.text).toContain('<html lang="fr">')
    expect(page.text).toContain('<h1>Page introuvable</h1>')
    expect(page.headers.get('Content-Security-Policy')).toContain(`style-src 'self'`)
    expect(page.headers.get('Cache-Control')).toBe('no-store')
    expect(page.headers.get('Vary')).toBe('Accept, Accept-Language')
    expect(page.headers.get('X-Correlation-Id')).toBeTruthy()

    const english = await send('GET', '/editons/ces-2020/apply', { headers: { ...browser, 'Accept-Language': 'en-GB,en;q=0.9' } })
    expect(english.text).toContain('<h1>Page not found</h1>')

    for (const accept of ['application/json', '*/*', 'application/problem+json']) {
      const program = await send('GET', '/editons/ces-2020/apply', { headers: { Accept: accept } })
      expect(program.status).toBe(404)
      expect(program.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
      expect(JSON.parse(program.text)).toMatchObject({ type: '/problems/not-found', status: 404 })
      expect(program.headers.get('Vary')).toMatch(/(^|,\s*)Accept(\s*,|$)/)
    }
  })

  it('tells a person over the limit to come back later, keeping Retry-After and the limit’s headers', async () => {
    const send = await lambdaV2().start((await apiHarness({ rateLimits: { public: 2, partner: 0 } })).app)
    for (let i = 0; i < 2; i++) expect((await send('GET', '/territories', { sourceIp: '203.0.113.9' })).status).toBe(200)
    const page = await send('GET', '/editions/ces-2020/apply', { sourceIp: '203.0.113.9', headers: browser })
    expect(page.status).toBe(429)
    expect(page.text).toContain('Trop de demandes en peu de temps : réessayez dans une minute.')
    expect(Number(page.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(page.headers.get('RateLimit-Policy') ?? page.headers.get('RateLimit')).toBeTruthy()
    const program = await send('GET', '/territories', { sourceIp: '203.0.113.9' })
    expect(program.status).toBe(429)
    expect(JSON.parse(program.text)).toMatchObject({ type: '/problems/too-many-requests' })
  })

  it('tells a person a form too large was not recorded, before reading it', async () => {
    const harness = await apiHarness()
    const send = await lambdaV2().start(harness.app)
    const before = await harness.written()
    const body = new URLSearchParams({ 'startup[description]': 'x'.repeat(70 * 1024) }).toString()
    const page = await send('POST', '/editions/ces-2020/apply', {
      headers: { ...browser, 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    })
    expect(page.status).toBe(413)
    expect(page.text).toContain('C’est trop volumineux pour être enregistré en une fois.')
    expect(await harness.written()).toEqual(before)
  })

  it('recognises a browser by the HTML it accepts, whatever else it does', () => {
    expect(wantsPage(browser.Accept)).toBe(true)
    expect(wantsPage('text/html')).toBe(true)
    expect(wantsPage(undefined)).toBe(false)
    expect(wantsPage('application/json, text/plain, */*')).toBe(false)
    expect(wantsPage('text/htmlx')).toBe(false)
  })
})
