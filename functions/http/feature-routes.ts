import { contractRoutes } from './routes/contract-routes.js'
import { assembleApi } from './app.js'
import { createCore } from './core.js'
import type { ApiDeps } from './deps.js'
import type { AppRequest } from '../website/api-client.js'
import { pageRoutes } from '../website/page-routes.js'
import { reportRoutes } from './routes/reports/report-routes.js'
import { startupRoutes } from './routes/reports/startup-routes.js'
import { outcomeReportRoutes } from './routes/reports/outcome-report-routes.js'
import { newRouter } from './router.js'
import { applicationRoutes } from './routes/applications.js'
import { applicationMessageRoutes } from './routes/application-messages.js'
import { awardRoutes } from './routes/awards.js'
import { docsRoutes } from './routes/docs.js'
import { editionRoutes } from './routes/editions.js'
import { feedRoutes } from './routes/feed.js'
import { documentHealth } from './routes/health-doc.js'
import { heldApplicationRoutes } from './routes/held-applications.js'
import { partnerKeyRoutes } from './routes/partner-keys.js'
import { partnerUserRoutes } from './routes/partner-users.js'
import { partnerRoutes } from './routes/partners.js'
import { personalDataRoutes } from './routes/personal-data.js'
import { registrationRoutes } from './routes/registration.js'
import { streamRoutes } from './routes/streams.js'
import { subscriptionRoutes } from './routes/subscriptions.js'
import { subscriptionToolRoutes } from './routes/subscription-tools.js'
import { territoryRoutes } from './routes/territories.js'
import { consentRoutes } from './routes/consent.js'
import { startupRecordRoutes } from './routes/startup-records.js'
import { outcomeRoutes } from './routes/outcomes.js'
import { teamSudExportRoutes } from './routes/team-sud-export.js'

/**
 * Every feature's routes, and the documents over them (`/openapi.json`, `/asyncapi.json`,
 * `/docs`): `request` sends the pages' in-process calls through the whole app, core
 * included. The middleware and `GET /health` are the core's (core.ts).
 *
 * @example app.route('/', featureRoutes(deps, (path, init, env) => app.request(path, init, env)))
 */
export const featureRoutes = (deps: ApiDeps, request: AppRequest) => {
  const app = newRouter()
  documentHealth(app)
  app.route('/', territoryRoutes())
  app.route('/', consentRoutes())
  app.route('/', editionRoutes(deps))
  app.route('/', registrationRoutes(deps))
  app.route('/', applicationRoutes(deps))
  app.route('/', heldApplicationRoutes(deps))
  // What was mailed for an application (issue 21), read from the notifier's outbox.
  app.route('/', applicationMessageRoutes(deps))
  app.route('/', awardRoutes(deps))
  app.route('/', partnerRoutes(deps))
  app.route('/', streamRoutes(deps))
  app.route('/', personalDataRoutes(deps))
  app.route('/', startupRecordRoutes(deps))
  app.route('/', reportRoutes(deps))
  app.route('/', startupRoutes(deps))
  // What the delegations brought back (issue 23): members' outcomes, Team Sud Export, their reports.
  app.route('/', outcomeRoutes(deps))
  app.route('/', teamSudExportRoutes(deps))
  app.route('/', outcomeReportRoutes(deps))
  app.route('/', partnerKeyRoutes(deps))
  app.route('/', partnerUserRoutes(deps))
  app.route('/', feedRoutes(deps))
  app.route('/', subscriptionRoutes(deps))
  app.route('/', subscriptionToolRoutes(deps))
  // Pages for people: clients of the routes above, in process (functions/website).
  app.route('/', pageRoutes(deps, request))
  app.route('/', docsRoutes(app))
  app.route('/', contractRoutes(app))
  return app
}

/**
 * The Délégation Sud API over dependencies already built: what `npm start`, the tests and
 * the benchmark serve, through the one assembly the Lambda serves (app.ts), its routes
 * handed over from memory.
 *
 * @example
 *   const app = createApp({ store, aggregates, verifier, logger, clock, newId, corsOrigins,
 *     rateLimits, feed, readModels, apiKeys, webhooks, personalData })
 */
export const createApp = (deps: ApiDeps) =>
  assembleApi(
    { ...deps, pageAssets: async () => deps.pages?.assets },
    async (app) => featureRoutes(deps, (path, init, env) => app.request(path, init, env)),
  )

export type App = ReturnType<typeof createApp>

/**
 * The API's routes, core and features, built now to be read, not served: its route table
 * and its OpenAPI document, for the tests that hold the gateway's routes and the hostile
 * corpus against what is served.
 *
 * @example describeApi(deps).routes.map(({ method, path }) => `${method} ${path}`)
 */
export const describeApi = (deps: ApiDeps) => {
  const app = createCore(deps, newRouter())
  app.route('/', featureRoutes(deps, (path, init, env) => app.request(path, init, env)))
  return app
}
