import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { ApiEnv } from '../../shared/http/app-env.js'
import type { Principal, TokenVerifier } from '../../shared/http/token-verifier.js'
import type { PageAssets } from '../assets.js'
import { messagePage, pageContext } from '../layout.js'

/**
 * The two signed-in areas of the pages: the staff back-office and the partners' portal.
 * Each keeps its bearer token in its own cookie, scoped to its own paths, that scripts
 * cannot read: a partner's user's session is never sent to a staff page, nor the reverse.
 */
export const sessionAreas = {
  staff: { cookie: 'staff_session', path: '/staff' },
  portal: { cookie: 'portal_session', path: '/portal' },
} as const
export type SessionArea = (typeof sessionAreas)[keyof typeof sessionAreas]

/** The staff member's bearer token, in a cookie that scripts cannot read. */
export const sessionCookie = sessionAreas.staff.cookie

const within = (next: string | undefined, root: string) =>
  next !== undefined && !next.startsWith('//') && new RegExp(`^${root}(?:[/?#]|$)`).test(next)

/** Where a signed-in staff member may be sent back to: the staff pages only. */
export const staffPath = (next: string | undefined): string => (next && within(next, '/staff') ? next : '/staff')

/** Where a signed-in partner's user may be sent back to: the portal's pages only. */
export const portalPath = (next: string | undefined): string => (next && within(next, '/portal') ? next : '/portal')

/** Where a sign-in may come back to: a staff page or a portal page, nothing else. */
export const signedInPath = (next: string | undefined): string => (within(next, '/portal') ? portalPath(next) : staffPath(next))

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
export const startSession = (c: Context, token: string, maxAgeSeconds: number, area: SessionArea = sessionAreas.staff) =>
  setCookie(c, area.cookie, token, {
    httpOnly: true,
    secure: isHttps(c),
    sameSite: 'Lax',
    path: area.path,
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  })

export const endSession = (c: Context, area: SessionArea = sessionAreas.staff) =>
  deleteCookie(c, area.cookie, { path: area.path, secure: isHttps(c) })

/**
 * The session a verified token opens: a partner's user's (bound to its partner) the
 * portal's, anyone else's the back-office's. One sign-in serves both: the staff pool
 * holds both kinds of people.
 *
 * @example startSession(c, token, 3600, areaOf(principal))
 */
export const areaOf = (principal: Principal): SessionArea => (principal.partnerId ? sessionAreas.portal : sessionAreas.staff)

/** What the staff pages put on the context for their handlers. */
export type StaffEnv = ApiEnv & { Variables: { staffToken: string; principal?: Principal } }

type Role = 'admin' | 'reports'

/**
 * Whether a post comes from another site: browsers say so in Sec-Fetch-Site; older ones
 * only in Origin (which our no-referrer policy turns into `null` on same-origin posts).
 */
export const fromAnotherSite = (c: Context): boolean => {
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
