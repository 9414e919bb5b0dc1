import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { ApiEnv } from '../../shared/http/app-env.js'
import type { Principal, TokenVerifier } from '../../shared/http/token-verifier.js'
import type { PageAssets } from '../assets.js'
import { messagePage, pageContext } from '../layout.js'

/** The staff member's bearer token, in a cookie that scripts cannot read. */
export const sessionCookie = 'staff_session'

/** Where a signed-in staff member may be sent back to: the staff pages only. */
export const staffPath = (next: string | undefined): string =>
  next && /^\/staff(?:[/?#]|$)/.test(next) && !next.startsWith('//') ? next : '/staff'

/** Secure cookies wherever the page is served over https (AWS); plain http only on loopback. */
export const isHttps = (c: Context): boolean => new URL(c.req.url).protocol === 'https:'

/**
 * Signs in: the same JWT the API takes as a bearer token (Cognito's access token, or the
 * development token under `npm start`), kept until it expires. Lax, not Strict: the
 * sign-in ends with a redirect from Cognito's domain, and Strict would drop the cookie
 * on the page it lands on; cross-site posts are refused by `sameOrigin` below anyway.
 *
 * @example startSession(c, accessToken, 3600)
 */
export const startSession = (c: Context, token: string, maxAgeSeconds: number) =>
  setCookie(c, sessionCookie, token, {
    httpOnly: true,
    secure: isHttps(c),
    sameSite: 'Lax',
    path: '/staff',
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  })

export const endSession = (c: Context) => deleteCookie(c, sessionCookie, { path: '/staff', secure: isHttps(c) })

/** What the staff pages put on the context for their handlers. */
export type StaffEnv = ApiEnv & { Variables: { staffToken: string; principal?: Principal } }

type Role = 'admin' | 'reports'

/**
 * Whether a post comes from another site: browsers say so in Sec-Fetch-Site; older ones
 * only in Origin (which our no-referrer policy turns into `null` on same-origin posts).
 */
const fromAnotherSite = (c: Context): boolean => {
  const site = c.req.header('Sec-Fetch-Site')
  if (site !== undefined) return site !== 'same-origin' && site !== 'none'
  const origin = c.req.header('Origin')
  return origin !== undefined && origin !== 'null' && origin !== new URL(c.req.url).origin
}

/**
 * The staff pages' gate: a valid session with one of `roles` (admins may do anything).
 * Without one, a page read goes to the sign-in and comes back; a post is refused. A post
 * must come from this origin (the cookie is Lax; this also covers older browsers).
 *
 * @example router.use('/staff/editions/*', staffSession(verifier, assets, ['admin']))
 */
export const staffSession =
  (verifier: TokenVerifier, assets: PageAssets, roles: readonly Role[]): MiddlewareHandler<StaffEnv> =>
  async (c, next) => {
    const page = pageContext(c, assets)
    if (c.req.method === 'POST' && fromAnotherSite(c)) {
      return c.html(messagePage(page, { title: page.t.staff.title, message: page.t.staff.forbidden }), 403)
    }
    const token = getCookie(c, sessionCookie)
    const principal = token ? await verifier.verify(token).catch(() => undefined) : undefined
    if (!token || !principal) {
      if (c.req.method !== 'GET') {
        return c.html(messagePage(page, { title: page.t.staff.signInTitle, message: page.t.staff.signInFailed }), 401)
      }
      const url = new URL(c.req.url)
      const next = `${url.pathname}${url.search}`
      return c.redirect(page.href(`/staff/sign-in?next=${encodeURIComponent(next)}`), 303)
    }
    if (!principal.roles.some((role) => role === 'admin' || roles.includes(role as Role))) {
      return c.html(messagePage(page, { title: page.t.staff.title, message: page.t.staff.forbidden }), 403)
    }
    c.set('principal', principal)
    c.set('staffToken', token)
    await next()
  }
