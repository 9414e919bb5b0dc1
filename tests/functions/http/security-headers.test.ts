import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiHarness, type ApiHarness } from './api-harness.js'
import { inProcess, lambdaV2, type Send } from './transports.js'

const directives = (csp: string | null): Record<string, string[]> =>
  Object.fromEntries((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]))

/** The reference's browser bundle as the npm package ships it. */
const packageBundle = () => {
  const entry = createRequire(import.meta.url).resolve('@scalar/api-reference')
  return readFileSync(join(dirname(entry), 'browser', 'standalone.js'))
}

describe.each([inProcess(), lambdaV2()])('security headers, %s', (transport) => {
  let harness: ApiHarness
  let send: Send

  beforeAll(async () => {
    harness = await apiHarness()
    send = await transport.start(harness.app)
  })

  it.each([
    ['GET', '/health'],
    ['GET', '/territories'],
    ['GET', '/openapi.json'],
    ['GET', '/no-such-route'],
    ['POST', '/editions'],
    ['GET', '/docs'],
    ['GET', '/docs/scalar.js'],
  ])('are on %s %s', async (method, path) => {
    const response = await send(method, path)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    const csp = directives(response.headers.get('content-security-policy'))
    expect(csp['frame-ancestors']).toEqual(["'none'"])
    expect(csp['base-uri']).toEqual(["'none'"])
    expect(csp['object-src'] ?? csp['default-src']).toEqual(["'none'"])
  })

  it("leave the pages their own policy: the form framed by the configured origins, the staff pages by nobody", async () => {
    for (const path of ['/editions/ces-2020/apply', '/applications/01890a5d-ac96-774b-bcce-b302099a8057/withdraw']) {
      const form = await send('GET', path)
      expect(form.status).toBeLessThan(500)
      expect(form.headers.get('content-type')).toMatch(/^text\/html/)
      const csp = directives(form.headers.get('content-security-policy'))
      expect(csp['frame-ancestors']).toEqual(["'self'", 'https://forms.maregionsud.example'])
      expect(csp['default-src']).toEqual(["'none'"])
      // No X-Frame-Options: DENY to contradict the frame-ancestors the form needs.
      expect(form.headers.get('x-frame-options')).toBeNull()
      expect(form.headers.get('x-content-type-options')).toBe('nosniff')
      expect(form.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
    }
    const staff = await send('GET', '/staff/signed-out')
    expect(directives(staff.headers.get('content-security-policy'))['frame-ancestors']).toEqual(["'none'"])
    expect(staff.headers.get('x-frame-options')).toBe('DENY')
  })

  it('give the API itself a policy that loads nothing', async () => {
    const csp = directives((await send('GET', '/territories')).headers.get('content-security-policy'))
    expect(csp['default-src']).toEqual(["'none'"])
  })

  it('serve /docs with no script but its own: the package bundle, and one inline script by nonce', async () => {
    const page = await send('GET', '/docs')
    expect(page.status).toBe(200)
    expect(page.text).not.toMatch(/https?:\/\//)
    const csp = directives(page.headers.get('content-security-policy'))
    expect(csp['script-src']?.filter((s) => s !== "'self'")).toEqual([expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]+'$/)])
    expect(csp['connect-src']).toEqual(["'self'"])
    const nonce = csp['script-src']?.find((s) => s.startsWith("'nonce-"))?.slice(7, -1)
    const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '')
    expect(scripts.length).toBeGreaterThan(0)
    for (const attributes of scripts) {
      const src = /src="([^"]+)"/.exec(attributes)?.[1]
      if (src) expect(src).toBe('/docs/scalar.js')
      else expect(attributes).toContain(`nonce="${nonce}"`)
    }
    // A fresh nonce each time.
    const again = directives((await send('GET', '/docs')).headers.get('content-security-policy'))
    expect(again['script-src']).not.toEqual(csp['script-src'])
  })

  it("pin the reference script to the package's bytes with Subresource Integrity", async () => {
    const page = await send('GET', '/docs')
    const tag = /<script[^>]*src="\/docs\/scalar.js"[^>]*>/.exec(page.text)?.[0] ?? ''
    const expected = `sha384-${createHash('sha384').update(packageBundle()).digest('base64')}`
    expect(/integrity="([^"]+)"/.exec(tag)?.[1]).toBe(expected)
  })

  it('serve the reference script from the npm package, not a CDN', async () => {
    const script = await send('GET', '/docs/scalar.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(Buffer.byteLength(script.text)).toBe(packageBundle().length)
  })
})
