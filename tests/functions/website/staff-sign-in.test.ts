import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { noPageAssets } from '../../../functions/website/assets.js'
import { apiHarness, type ApiHarness } from '../http/api-harness.js'

const domain = 'https://delegation-sud-test-staff.auth.eu-west-3.amazoncognito.com'
const clientId = 'pages-client'

/** What Cognito's token endpoint was sent, and what it answers: an access token of ours. */
const exchanges: URLSearchParams[] = []
let harness: ApiHarness
let roles = ['admin']

const cookiesOf = (response: Response) =>
  response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ')

beforeAll(async () => {
  harness = await apiHarness({
    pages: {
      assets: noPageAssets,
      staffLogin: {
        domain,
        clientId,
        fetch: async (_url, init) => {
          exchanges.push(new URLSearchParams(init?.body as string))
          const token = await harness.token(roles)
          return Response.json({ access_token: token, id_token: 'unused', expires_in: 3600, token_type: 'Bearer' })
        },
      },
    },
  })
})

/** Signs in through the whole redirect dance; returns the session cookie. */
const signIn = async (from = '/staff/sign-in?next=/staff/dashboard') => {
  const start = await harness.app.request(from)
  const authorize = new URL(start.headers.get('Location') ?? '')
  const callback = await harness.app.request(
    `/staff/callback?code=the-code&state=${authorize.searchParams.get('state')}`,
    { headers: { Cookie: cookiesOf(start) } },
  )
  return { start, authorize, callback, session: cookiesOf(callback) }
}

describe('staff sign-in through Cognito’s managed login (authorization code + PKCE)', () => {
  it('sends a reader without a session to the sign-in, and back where they were going', async () => {
    const response = await harness.app.request('/staff/editions/ces-2020?status=submitted')
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(
      `/staff/sign-in?next=${encodeURIComponent('/staff/editions/ces-2020?status=submitted')}`,
    )
  })

  it('redirects to the managed login with an S256 challenge and a state, and keeps the verifier', async () => {
    const { start, authorize, callback, session } = await signIn()
    expect(start.status).toBe(302)
    expect(authorize.origin + authorize.pathname).toBe(`${domain}/oauth2/authorize`)
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: 'http://localhost/staff/callback',
      code_challenge_method: 'S256',
    })
    expect(start.headers.get('Set-Cookie')).toMatch(/HttpOnly/)

    // The code is exchanged with the verifier whose hash is the challenge sent.
    const exchange = exchanges.at(-1)
    expect(exchange?.get('grant_type')).toBe('authorization_code')
    expect(exchange?.get('code')).toBe('the-code')
    const verifier = exchange?.get('code_verifier') ?? ''
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(authorize.searchParams.get('code_challenge'))

    expect(callback.status).toBe(303)
    expect(callback.headers.get('Location')).toBe('/staff/dashboard')
    const cookie = callback.headers.getSetCookie().find((line) => line.startsWith('staff_session='))
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\/staff/)
    const staff = await harness.app.request('/staff', { headers: { Cookie: session } })
    expect(staff.status).toBe(200)
    expect(staff.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
    expect(staff.headers.get('X-Frame-Options')).toBe('DENY')
  })

  it('refuses a callback whose state is not the one it sent', async () => {
    const start = await harness.app.request('/staff/sign-in')
    const forged = await harness.app.request('/staff/callback?code=x&state=forged', { headers: { Cookie: cookiesOf(start) } })
    expect(forged.status).toBe(400)
    expect(forged.headers.getSetCookie().some((line) => line.startsWith('staff_session='))).toBe(false)
  })

  it('lets a reports account see the dashboard but not the back-office, and refuses posts from other sites', async () => {
    roles = ['reports']
    const { session } = await signIn()
    roles = ['admin']
    expect((await harness.app.request('/staff/dashboard', { headers: { Cookie: session } })).status).toBe(200)
    expect((await harness.app.request('/staff', { headers: { Cookie: session } })).status).toBe(403)

    const admin = (await signIn()).session
    const crossSite = await harness.app.request('/staff/editions/ces-2020/decisions', {
      method: 'POST',
      headers: { Cookie: admin, 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'applicationId=x&decision=selected',
    })
    expect(crossSite.status).toBe(403)
  })

  it('signs out of both the pages and the managed login', async () => {
    const response = await harness.app.request('/staff/sign-out', { method: 'POST', headers: { 'Sec-Fetch-Site': 'same-origin' } })
    expect(response.status).toBe(303)
    const logout = new URL(response.headers.get('Location') ?? '')
    expect(logout.origin + logout.pathname).toBe(`${domain}/logout`)
    expect(logout.searchParams.get('logout_uri')).toBe('http://localhost/staff/signed-out')
    expect(response.headers.getSetCookie().find((line) => line.startsWith('staff_session='))).toMatch(/Max-Age=0/)
  })
})

describe('a partner’s user signs in to the portal through the same managed login', () => {
  it('goes from /portal to the sign-in and lands in the portal, with the portal’s session only', async () => {
    const signedOut = await harness.app.request('/portal')
    expect(signedOut.headers.get('Location')).toBe('/portal/sign-in?next=%2Fportal')
    const via = await harness.app.request('/portal/sign-in?next=%2Fportal')
    expect(via.headers.get('Location')).toBe('/staff/sign-in?next=%2Fportal')

    // The token Cognito signs for a user in `partner` and `partner:toulon`.
    roles = ['partner', 'partner:toulon']
    const { callback, session } = await signIn('/staff/sign-in?next=%2Fportal')
    roles = ['admin']
    expect(callback.status).toBe(303)
    expect(callback.headers.get('Location')).toBe('/portal')
    const cookies = callback.headers.getSetCookie()
    expect(cookies.find((line) => line.startsWith('portal_session='))).toMatch(/HttpOnly/)
    expect(cookies.find((line) => line.startsWith('portal_session='))).toMatch(/Path=\/portal/)
    expect(cookies.some((line) => line.startsWith('staff_session='))).toBe(false)
    const portal = await harness.app.request('/portal', { headers: { Cookie: session } })
    expect(portal.status).toBe(200)
    expect(await portal.text()).toContain('toulon')
    // Wherever they started, a partner's user never lands on a staff page.
    roles = ['partner', 'partner:toulon']
    const fromStaff = await signIn('/staff/sign-in?next=/staff/dashboard')
    roles = ['admin']
    expect(fromStaff.callback.headers.get('Location')).toBe('/portal')
  })

  it('gives staff signing in from the portal the back-office, never the portal', async () => {
    const { callback, session } = await signIn('/staff/sign-in?next=%2Fportal')
    expect(callback.headers.get('Location')).toBe('/staff')
    expect(callback.headers.getSetCookie().some((line) => line.startsWith('portal_session='))).toBe(false)
    expect((await harness.app.request('/portal', { headers: { Cookie: session.replace('staff_session', 'portal_session') } })).status).toBe(403)
  })

  it('does not send a sign-in back to another site', async () => {
    const start = await harness.app.request('/staff/sign-in?next=%2F%2Fevil.example%2Fportal')
    const callback = await harness.app.request(
      `/staff/callback?code=c&state=${new URL(start.headers.get('Location') ?? '').searchParams.get('state')}`,
      { headers: { Cookie: cookiesOf(start) } },
    )
    expect(callback.headers.get('Location')).toBe('/staff')
  })
})

describe('staff sign-in without Cognito', () => {
  it('says it is not configured (under npm start, local/dev-sign-in.ts answers instead)', async () => {
    const bare = await apiHarness()
    const response = await bare.app.request('/staff/sign-in')
    expect(response.status).toBe(503)
    expect(await response.text()).toContain('La connexion n’est pas configurée')
  })
})
