import type { MiddlewareHandler } from 'hono'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import type { ApiEnv } from '../shared/http/app-env.js'

// Directives every response carries, whatever else it allows: no framing, no <base>, no
// plugins.
const always = {
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
}

/**
 * Security headers on every response (hono/secure-headers), with a Content-Security-Policy
 * that lets an API answer load nothing at all. Pages set their own, narrower than a
 * browser's default but wider than this, with `pageSecurityHeaders` on their route: this
 * one runs outside theirs and keeps what they set.
 *
 * @example app.use(apiSecurityHeaders())
 */
export const apiSecurityHeaders = (): MiddlewareHandler<ApiEnv> => {
  const headers = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], ...always, formAction: ["'none'"] },
    xFrameOptions: 'DENY',
    // A page's route sets its own policy first; keep it.
    overwrite: false,
  }) as MiddlewareHandler<ApiEnv>
  return async (c, next) => {
    await headers(c, next)
    // The registration form lets the Région's sites frame it (its CSP's frame-ancestors):
    // an X-Frame-Options: DENY beside that would contradict it in older browsers.
    if (framedBy(c.res.headers.get('Content-Security-Policy'))) c.res.headers.delete('X-Frame-Options')
  }
}

/** Whether a policy lets some origin frame the response (`frame-ancestors` not `'none'`). */
const framedBy = (csp: string | null) => {
  const directive = (csp ?? '').split(';').map((d) => d.trim()).find((d) => d.startsWith('frame-ancestors '))
  return directive !== undefined && directive !== "frame-ancestors 'none'"
}

/**
 * The policy of an HTML page served by the API: everything from our own origin only,
 * scripts from our origin or inline with this response's nonce (`c.get('secureHeadersNonce')`),
 * inline styles (rendered components set them), images and fonts also as `data:` URLs.
 * Nothing from a CDN: a locked-down office network gets the same page.
 *
 * @example router.get('/docs', pageSecurityHeaders(), (c) => c.html(page(c.get('secureHeadersNonce'))))
 */
export const pageSecurityHeaders = (): MiddlewareHandler<ApiEnv> =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", NONCE],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      ...always,
    },
    xFrameOptions: 'DENY',
  }) as MiddlewareHandler<ApiEnv>
