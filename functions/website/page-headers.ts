import type { MiddlewareHandler } from 'hono'

export interface PageHeaderOptions {
  /** Origins that may show the page in a frame (the Région's sites embedding the form). */
  readonly frameAncestors?: readonly string[]
  /** Origins a form may lead to, besides this one (Cognito's sign-out page). */
  readonly formActions?: readonly string[]
}

/**
 * The headers every page gets, set per route so the public form and the staff pages
 * can differ (the API's own security headers stay the API's business). Nothing but this
 * origin's built assets may load; only the configured origins may frame the form, and
 * nobody the staff pages. No page is cached: each form carries its own idempotency key.
 *
 * @example new Headers(pageHeaderValues({ frameAncestors: corsOrigins }))
 */
export const pageHeaderValues = ({ frameAncestors = [], formActions = [] }: PageHeaderOptions = {}): Record<string, string> => {
  const ancestors = frameAncestors.length > 0 ? `'self' ${frameAncestors.join(' ')}` : `'none'`
  const csp = [
    `default-src 'none'`,
    `script-src 'self'`,
    `style-src 'self'`,
    `img-src 'self' data:`,
    `connect-src 'self'`,
    `form-action ${["'self'", ...formActions].join(' ')}`,
    `frame-ancestors ${ancestors}`,
    `base-uri 'none'`,
  ].join('; ')
  return {
    'Content-Security-Policy': csp,
    ...(frameAncestors.length === 0 ? { 'X-Frame-Options': 'DENY' } : {}),
    'Cache-Control': 'no-store',
    // Withdrawal links carry their token: no page tells another site where it was.
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    Vary: 'Accept-Language',
  }
}

/**
 * `pageHeaderValues` on a route's answers.
 *
 * @example router.use('/editions/:editionId/apply', pageHeaders({ frameAncestors: corsOrigins }))
 */
export const pageHeaders =
  (options: PageHeaderOptions = {}): MiddlewareHandler =>
  async (c, next) => {
    await next()
    for (const [name, value] of Object.entries(pageHeaderValues(options))) c.header(name, value)
  }
