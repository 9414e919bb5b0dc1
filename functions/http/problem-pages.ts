import type { MiddlewareHandler } from 'hono'
import type { PageAssets } from '../website/assets.js'
import type { ApiEnv } from '../shared/http/app-env.js'

/** The problem+json media type, as problemResponse sends it. */
const isProblem = (type: string | null) => type?.startsWith('application/problem+json') === true

/**
 * Whether a person's browser asked: it accepts HTML (a navigation, or the form's script).
 * API clients, curl and the pages' own calls ask for JSON or anything, and keep problem+json.
 *
 * @example wantsPage('text/html,application/xhtml+xml,application/xml;q=0.9') // true
 */
export const wantsPage = (accept: string | undefined): boolean => /\btext\/html\b/.test(accept ?? '')

/**
 * A problem answered to a person's browser becomes a page (website/problem-page.ts): an
 * address that does not exist, a limit reached on the form, a body too large. Outermost
 * but for the ids, so it sees the limits' and the body limit's refusals too; the page's
 * code is imported on the first such answer, never at a cold start.
 *
 * @example app.use(problemPages(async () => deps.pages?.assets))
 */
export const problemPages =
  (assets: () => Promise<PageAssets | undefined>): MiddlewareHandler<ApiEnv> =>
  async (c, next) => {
    await next()
    if (!isProblem(c.res.headers.get('Content-Type'))) return
    // One address, two answers by Accept: a cache keeps them apart.
    c.res.headers.append('Vary', 'Accept')
    if (!wantsPage(c.req.header('Accept'))) return
    const { problemAsPage } = await import('../website/problem-page.js')
    const page = await problemAsPage(c, c.res, await assets())
    // Unset first: Hono copies the old answer's headers onto a new one, CSP included.
    c.res = undefined
    c.res = page
  }
