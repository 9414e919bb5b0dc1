import { createHash, randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { html } from 'hono/html'
import { z } from 'zod'
import type { ApiEnv } from '../../shared/http/app-env.js'
import type { TokenVerifier } from '../../shared/http/token-verifier.js'
import type { PageAssets } from '../assets.js'
import { messagePage, pageContext } from '../layout.js'
import { areaOf, endSession, isHttps, portalPath, sessionAreas, signedInPath, staffPath, startSession } from './session.js'

/** Cognito's managed login for the staff pages (the user pool's domain and its web client). */
export interface StaffLogin {
  /** `https://<prefix>.auth.<region>.amazoncognito.com` */
  readonly domain: string
  readonly clientId: string
  /** For tests: where the code is exchanged for tokens (the global fetch otherwise). */
  readonly fetch?: typeof fetch
}

/** The PKCE verifier and state between the redirect to Cognito and its return. */
const flowCookie = 'staff_sign_in'
const flowSchema = z.object({ verifier: z.string(), state: z.string(), next: z.string() })
const tokenSchema = z.object({ access_token: z.string(), expires_in: z.number().optional() })

const base64url = (bytes: Buffer) => bytes.toString('base64url')

const parseJson = (text: string | undefined): unknown => {
  try {
    return text === undefined ? undefined : JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * A PKCE pair (RFC 7636, S256): the verifier stays in this browser's cookie, the
 * challenge goes to Cognito, so a stolen authorization code is useless elsewhere.
 *
 * @example const { verifier, challenge } = pkcePair()
 */
export const pkcePair = () => {
  const verifier = base64url(randomBytes(32))
  return { verifier, challenge: base64url(createHash('sha256').update(verifier).digest()) }
}

const callbackOf = (url: string) => `${new URL(url).origin}/staff/callback`

/**
 * Staff sign-in through Cognito's managed login, authorization code with PKCE:
 * `GET /staff/sign-in` sends the browser to Cognito, `GET /staff/callback` exchanges the
 * code for tokens and keeps the access token in the session cookie, `POST /staff/sign-out`
 * ends both sessions. Without Cognito (under `npm start`), `/staff/sign-in` belongs to
 * local/dev-sign-in.ts, mounted in front of this app.
 *
 * @example app.route('/', signInRoutes({ login, verifier, assets }))
 */
export const signInRoutes = ({
  login,
  verifier,
  assets,
}: {
  login: StaffLogin | undefined
  verifier: TokenVerifier
  assets: PageAssets
}) =>
  new Hono<ApiEnv>()
    .get('/staff/sign-in', (c) => {
      const page = pageContext(c, assets)
      if (!login) {
        return c.html(messagePage(page, { title: page.t.staff.signInTitle, message: page.t.staff.signInNotConfigured }), 503)
      }
      const { verifier: codeVerifier, challenge } = pkcePair()
      const state = base64url(randomBytes(16))
      const next = signedInPath(c.req.query('next'))
      setCookie(c, flowCookie, JSON.stringify({ verifier: codeVerifier, state, next }), {
        httpOnly: true,
        secure: isHttps(c),
        sameSite: 'Lax',
        path: '/staff/callback',
        maxAge: 600,
      })
      const authorize = new URL('/oauth2/authorize', login.domain)
      authorize.search = new URLSearchParams({
        response_type: 'code',
        client_id: login.clientId,
        redirect_uri: callbackOf(c.req.url),
        scope: 'openid email',
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        lang: page.lang,
      }).toString()
      return c.redirect(authorize.toString(), 302)
    })
    .get('/staff/callback', async (c) => {
      const page = pageContext(c, assets)
      const failed = () =>
        c.html(messagePage(page, { title: page.t.staff.signInTitle, message: page.t.staff.signInFailed }), 400)
      const flow = flowSchema.safeParse(parseJson(getCookie(c, flowCookie)))
      deleteCookie(c, flowCookie, { path: '/staff/callback', secure: isHttps(c) })
      const code = c.req.query('code')
      if (!login || !flow.success || !code || c.req.query('state') !== flow.data.state) return failed()
      const response = await (login.fetch ?? fetch)(new URL('/oauth2/token', login.domain), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: login.clientId,
          code,
          redirect_uri: callbackOf(c.req.url),
          code_verifier: flow.data.verifier,
        }),
      })
      const tokens = tokenSchema.safeParse(response.ok ? await response.json() : undefined)
      if (!tokens.success) return failed()
      // The same check as every API call: a token the API would refuse opens no page.
      const principal = await verifier.verify(tokens.data.access_token).catch(() => undefined)
      if (!principal) return failed()
      // A partner's user lands in the portal, staff in the back-office, wherever they started.
      const area = areaOf(principal)
      startSession(c, tokens.data.access_token, tokens.data.expires_in ?? 3600, area)
      return c.redirect(area === sessionAreas.portal ? portalPath(flow.data.next) : staffPath(flow.data.next), 303)
    })
    .post('/staff/sign-out', (c) => {
      endSession(c, sessionAreas.staff)
      endSession(c, sessionAreas.portal)
      if (!login) return c.redirect('/staff/signed-out', 303)
      const logout = new URL('/logout', login.domain)
      logout.search = new URLSearchParams({
        client_id: login.clientId,
        logout_uri: `${new URL(c.req.url).origin}/staff/signed-out`,
      }).toString()
      return c.redirect(logout.toString(), 303)
    })
    .get('/staff/signed-out', (c) => {
      const page = pageContext(c, assets)
      return c.html(
        messagePage(page, {
          title: page.t.staff.signOut,
          message: page.t.staff.signedOut,
          extra: html`<p><a href="${page.href('/staff')}">${page.t.staff.signIn}</a></p>`,
        }),
      )
    })
