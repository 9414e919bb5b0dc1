import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { noPageAssets } from '../../../functions/website/assets.js'
import { signPartnerUserToken } from '../../../local/dev-tokens.js'
import { editionBody } from '../../fixtures/requests.js'
import { apiHarness, type ApiHarness } from '../http/api-harness.js'
import { routesOnlyApp } from '../http/hostile-routes.js'
import { localPolicy } from '../webhooks/partner-world.js'

/**
 * Every route of the partners' portal, read from the app itself (a page or a form added
 * later is covered without a line here), against partner A's objects:
 * - by partner B's user, page and form alike, with A's ids in the path: 404, nothing of A's
 *   shown, nothing written;
 * - by A's own user from another site (CSRF): every form refused, nothing written;
 * - with no session: a page goes to the sign-in, a form is refused.
 * "Nothing written" is the partners table (subscriptions, keys, deliveries, tests, replay
 * claims) item for item, and every other table's count, as before.
 */

const nice = 'nice-cote-d-azur'
const toulon = 'toulon'
// An address literal allowed locally: no DNS, and nothing is delivered in this file.
const niceUrl = 'http://127.0.0.1:9/nice-receiver'
let harness: ApiHarness
let niceCookie = ''
let toulonCookie = ''
const ids: Record<string, string> = {}

const call = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  harness.app.request(path, init)

/** The portal's routes as the app serves them: `POST /portal/subscriptions/:id/pause`… */
const portalRoutes = () => {
  const served = routesOnlyApp()
    .routes
    .filter((route) => route.method !== 'ALL' && route.path.startsWith('/portal'))
    .map((route) => `${route.method} ${route.path}`)
  return [...new Set(served)].map((route) => {
    const [method = '', path = ''] = route.split(' ')
    return { method, path }
  })
}

/** A route's path with A's objects in it. */
const withIds = (path: string) => path.replace(/:(\w+)/g, (_all, name: string) => ids[name] ?? `no-${name}`)

/** A form post: a body that would be valid for the replay form, empty for the others. */
const post = (path: string, headers: Record<string, string>) =>
  call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: path.endsWith('/replay') ? 'afterSequence=0' : path.endsWith('/keys') ? 'scopes=feed%3Aread' : '',
  })

/** What the tables hold: the partners table item for item, the others by count. */
const state = async () => {
  const scan = await harness.tables.doc.send(
    new ScanCommand({ TableName: harness.tables.names.partners, ConsistentRead: true }),
  )
  const items = (scan.Items ?? []).map((item) => JSON.stringify(item)).sort()
  const { guards: _guards, ...counts } = await harness.written()
  return { items, counts }
}

beforeAll(async () => {
  harness = await apiHarness({ targetPolicy: localPolicy, pages: { assets: noPageAssets } })
  const admin = { Authorization: `Bearer ${await harness.token(['admin'])}`, 'Content-Type': 'application/json' }
  const json = async (path: string, body: unknown, headers: Record<string, string> = admin) => {
    const response = await call(path, { method: 'POST', headers, body: JSON.stringify(body) })
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`)
    return (await response.json()) as Record<string, string>
  }
  await json('/editions', editionBody('ces-2020'))
  for (const partnerId of [nice, toulon]) {
    await json('/editions/ces-2020/partners', { partnerId, name: partnerId, kind: 'metropolis', contribution: 'Stands' })
  }
  const niceToken = await signPartnerUserToken(harness.key, nice)
  const asNice = { Authorization: `Bearer ${niceToken}`, 'Content-Type': 'application/json' }
  ids.id = (await json('/subscriptions', { url: niceUrl }, asNice)).id ?? ''
  ids.keyId = (await json(`/partners/${nice}/keys`, { scopes: ['feed:read'], label: 'Nice ERP', expiresAt: '2019-12-01T00:00:00Z' }, asNice)).keyId ?? ''
  niceCookie = `portal_session=${niceToken}`
  toulonCookie = `portal_session=${await signPartnerUserToken(harness.key, toulon)}`
})

afterAll(() => expect(harness.unexpected).toEqual([]))

describe('the portal’s guards, on every route the app serves under /portal', () => {
  it('finds the portal’s pages and forms, those on one subscription or one key among them', () => {
    const routes = portalRoutes().map(({ method, path }) => `${method} ${path}`)
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /portal',
        'GET /portal/subscriptions/:id',
        'POST /portal/subscriptions/:id/pause',
        'POST /portal/subscriptions/:id/replay',
        'POST /portal/keys/:keyId/rotate',
        'POST /portal/keys',
      ]),
    )
    expect(ids.id).toMatch(/\S/)
    expect(ids.keyId).toMatch(/^[0-9a-f]{24}$/)
  })

  it('refuses partner B’s user A’s subscription and key on every page and form: 404, nothing shown, nothing written', async () => {
    const before = await state()
    const onObjects = portalRoutes().filter(({ path }) => path.includes(':'))
    expect(onObjects.length).toBeGreaterThan(8)
    for (const { method, path } of onObjects) {
      const target = withIds(path)
      const headers = { Cookie: toulonCookie, 'Sec-Fetch-Site': 'same-origin' }
      const response = method === 'POST' ? await post(target, headers) : await call(target, { headers })
      expect(response.status, `${method} ${target}`).toBe(404)
      const page = await response.text()
      expect(page).not.toContain(niceUrl)
      expect(page).not.toContain('Nice ERP')
    }
    // B's own pages list nothing of A's.
    for (const { path } of portalRoutes().filter(({ method, path }) => method === 'GET' && !path.includes(':'))) {
      const response = await call(path, { headers: { Cookie: toulonCookie } })
      const page = await response.text()
      expect(page, path).not.toContain(niceUrl)
      expect(page, path).not.toContain(ids.keyId)
    }
    expect(await state()).toEqual(before)
    // A's own user sees them there: the 404s above are the partner's boundary, not wrong ids.
    const own = await call(withIds('/portal/subscriptions/:id'), { headers: { Cookie: niceCookie } })
    expect(own.status).toBe(200)
    expect(await own.text()).toContain(niceUrl)
    const keys = await call('/portal/keys', { headers: { Cookie: niceCookie } })
    expect(await keys.text()).toContain(`/portal/keys/${ids.keyId}/rotate`)
  })

  it('refuses every form posted from another site, even with A’s own session (CSRF), and writes nothing', async () => {
    const before = await state()
    const forms = portalRoutes().filter(({ method }) => method === 'POST')
    expect(forms.length).toBeGreaterThan(8)
    for (const { path } of forms) {
      const target = withIds(path)
      const sites: Array<Record<string, string>> = [
        { 'Sec-Fetch-Site': 'cross-site' },
        { 'Sec-Fetch-Site': 'same-site' },
        // An older browser: no Sec-Fetch-Site, another Origin.
        { Origin: 'https://elsewhere.example' },
      ]
      for (const site of sites) {
        const response = await post(target, { Cookie: niceCookie, ...site })
        expect(response.status, `${target} ${JSON.stringify(site)}`).toBe(403)
        expect(await response.text()).toContain('Ce portail est réservé aux personnes d’un partenaire')
      }
    }
    expect(await state()).toEqual(before)
    // The same post from the portal's own origin is taken: the refusals above are the guard's.
    const own = await post(withIds('/portal/subscriptions/:id/pause'), { Cookie: niceCookie, 'Sec-Fetch-Site': 'same-origin' })
    expect(own.status).toBe(303)
    await post(withIds('/portal/subscriptions/:id/resume'), { Cookie: niceCookie, 'Sec-Fetch-Site': 'same-origin' })
  })

  it('sends a page without a session to the sign-in and refuses a form without one', async () => {
    const before = await state()
    for (const { method, path } of portalRoutes().filter(({ path }) => path !== '/portal/sign-in')) {
      const target = withIds(path)
      if (method === 'GET') {
        const response = await call(target)
        expect(response.status, target).toBe(303)
        expect(response.headers.get('Location'), target).toBe(`/portal/sign-in?next=${encodeURIComponent(target)}`)
      } else {
        const response = await post(target, { 'Sec-Fetch-Site': 'same-origin' })
        expect(response.status, target).toBe(401)
      }
    }
    expect(await state()).toEqual(before)
  })
})
