import { Hono } from 'hono'
import type { ApiEnv } from '../app-env.js'
import type { ApiDeps } from '../deps.js'
import type { AppRequest } from './api-client.js'
import { applyRoutes } from './apply/apply-routes.js'
import { withdrawRoutes } from './apply/withdraw-routes.js'
import { assetRoutes, noPageAssets, type PageAssets } from './assets.js'
import { dashboardRoutes } from './dashboard/dashboard-routes.js'
import { messagePage, pageContext } from './layout.js'
import { staffRoutes } from './staff/staff-routes.js'
import type { StaffLogin } from './staff/sign-in.js'

/** What the pages need beyond the API's own dependencies. */
export interface PagesConfig {
  /** The built stylesheet and scripts (see infra/page-assets.ts). */
  readonly assets: PageAssets
  /**
   * Cognito's managed login for staff (AWS). Absent under `npm start`, where the
   * development sign-in of local/dev-sign-in.ts answers `/staff/sign-in` instead.
   */
  readonly staffLogin?: StaffLogin | undefined
}

/**
 * The pages for people, served by the API's own app: the registration form and its
 * withdrawal page (public, French first with English), the staff back-office and the
 * reporting dashboard. They read what the reports read and send every command through
 * the API in process (`request`), so no rule exists twice.
 *
 * @example app.route('/', pageRoutes(deps, (path, init) => app.request(path, init)))
 */
export const pageRoutes = (deps: ApiDeps, request: AppRequest) => {
  const assets = deps.pages?.assets ?? noPageAssets
  const shared = { deps, request, assets, staffLogin: deps.pages?.staffLogin }
  return new Hono<ApiEnv>()
    .onError((error, c) => {
      deps.logger.error('page failed', { error, path: c.req.path })
      const page = pageContext(c, assets)
      return c.html(messagePage(page, { title: page.t.error.title, message: page.t.error.retry }), 500)
    })
    .route('/', assetRoutes(assets))
    .route('/', applyRoutes(shared))
    .route('/', withdrawRoutes(shared))
    .route('/', staffRoutes(shared))
    .route('/', dashboardRoutes(shared))
}
