import { Hono } from 'hono'
import type { ApiEnv } from '../shared/http/app-env.js'
import type { WebsiteDeps } from './website-deps.js'
import type { AppRequest } from './api-client.js'
import { applyRoutes } from './apply/apply-routes.js'
import { withdrawRoutes } from './apply/withdraw-routes.js'
import { ownOutcomesRoutes } from './outcomes/own-outcomes-routes.js'
import { assetRoutes, noPageAssets } from './assets.js'
import { dashboardRoutes } from './dashboard/dashboard-routes.js'
import { UnreadableForm } from './form-body.js'
import { messagePage, pageContext } from './layout.js'
import { portalRoutes } from './portal/portal-routes.js'
import { staffRoutes } from './staff/staff-routes.js'
import { startupRecordRoutes } from './staff/startup-record-routes.js'
import { memberOutcomeRoutes } from './staff/member-outcome-routes.js'
import { teamSudExportRoutes } from './staff/team-sud-export-routes.js'

/**
 * The pages for people, served by the API's own app: the registration form and its
 * withdrawal page (public, French first with English), the staff back-office, the
 * reporting dashboard and the partners' portal. They read what the reports read and send every command through
 * the API in process (`request`), so no rule exists twice.
 *
 * @example app.route('/', pageRoutes(deps, (path, init) => app.request(path, init)))
 */
export const pageRoutes = (deps: WebsiteDeps, request: AppRequest) => {
  const assets = deps.pages?.assets ?? noPageAssets
  const shared = { deps, request, assets, staffLogin: deps.pages?.staffLogin }
  return new Hono<ApiEnv>()
    .onError((error, c) => {
      const page = pageContext(c, assets)
      if (error instanceof UnreadableForm) {
        deps.logger.warn('unreadable form', { error, path: c.req.path })
        return c.html(messagePage(page, { title: page.t.error.title, message: page.t.error.retry }), 400)
      }
      deps.logger.error('page failed', { error, path: c.req.path })
      return c.html(messagePage(page, { title: page.t.error.title, message: page.t.error.retry }), 500)
    })
    .route('/', assetRoutes(assets))
    .route('/', applyRoutes(shared))
    .route('/', withdrawRoutes(shared))
    .route('/', ownOutcomesRoutes(shared))
    .route('/', staffRoutes(shared))
    .route('/', startupRecordRoutes(shared))
    .route('/', memberOutcomeRoutes(shared))
    .route('/', teamSudExportRoutes(shared))
    .route('/', dashboardRoutes(shared))
    .route('/', portalRoutes(shared))
}
