import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { requestId } from 'hono/request-id'
import type { ApiEnv } from './app-env.js'
import type { ApiDeps } from './deps.js'
import { errorHandler } from './error-handler.js'
import { pageRoutes } from './pages/page-routes.js'
import { problemResponse } from './problem.js'
import { rateLimits } from './rate-limits.js'
import { apiSecurityHeaders } from './security-headers.js'
import { apiProblems } from './problems.js'
import { reportRoutes } from './reports/report-routes.js'
import { startupRoutes } from './reports/startup-routes.js'
import { newRouter } from './router.js'
import { contractRoutes } from './contract/contract-routes.js'
import { applicationRoutes } from './routes/applications.js'
import { awardRoutes } from './routes/awards.js'
import { docsRoutes } from './routes/docs.js'
import { editionRoutes } from './routes/editions.js'
import { feedRoutes } from './routes/feed.js'
import { healthRoutes } from './routes/health.js'
import { heldApplicationRoutes } from './routes/held-applications.js'
import { partnerKeyRoutes } from './routes/partner-keys.js'
import { partnerRoutes } from './routes/partners.js'
import { personalDataRoutes } from './routes/personal-data.js'
import { registrationRoutes } from './routes/registration.js'
import { streamRoutes } from './routes/streams.js'
import { subscriptionRoutes } from './routes/subscriptions.js'
import { territoryRoutes } from './routes/territories.js'

/** Request bodies are forms and small JSON documents; anything bigger is refused unread. */
const maxBodyBytes = 64 * 1024

/** Correlation id from the caller (or the request id), and one log line per request. */
const correlate =
  ({ logger, clock }: ApiDeps): MiddlewareHandler<ApiEnv> =>
  async (c, next) => {
    const correlationId = c.req.header('X-Correlation-Id')?.slice(0, 200) || c.var.requestId
    c.set('correlationId', correlationId)
    c.header('X-Correlation-Id', correlationId)
    const started = clock().getTime()
    await next()
    logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: clock().getTime() - started,
      requestId: c.var.requestId,
      correlationId,
    })
  }

/**
 * The Délégation Sud API as one Hono app: the same object is served by
 * `hono/aws-lambda` on Lambda and by `@hono/node-server` under `npm start`.
 *
 * @example
 *   const app = createApp({ store, verifier, logger, clock, newId, corsOrigins, feed, readModels,
 *     apiKeys, webhooks })
 */
export const createApp = (deps: ApiDeps) => {
  const app = newRouter()
  app.use(requestId())
  app.use(correlate(deps))
  app.use(apiSecurityHeaders())
  app.use(
    cors({
      origin: [...deps.corsOrigins],
      allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'If-Match', 'X-Correlation-Id'],
      exposeHeaders: ['ETag', 'Location', 'X-Request-Id', 'X-Correlation-Id', 'X-Current-To-Position', 'Retry-After'],
      maxAge: 600,
    }),
  )
  app.use(rateLimits(deps.rateLimits, deps.verifier))
  app.use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        // Close the connection: the rest of the oversized body is never read.
        throw apiProblems.contentTooLarge(`Bodies are limited to ${maxBodyBytes} bytes`, {
          closeConnection: true,
        })
      },
    }),
  )
  app.onError(errorHandler(deps.logger))
  app.notFound((c) =>
    problemResponse(c, apiProblems.routeNotFound(c.req.method, c.req.path).toProblem()),
  )
  app.route('/', healthRoutes())
  app.route('/', territoryRoutes())
  app.route('/', editionRoutes(deps))
  app.route('/', registrationRoutes(deps))
  app.route('/', applicationRoutes(deps))
  app.route('/', heldApplicationRoutes(deps))
  app.route('/', awardRoutes(deps))
  app.route('/', partnerRoutes(deps))
  app.route('/', streamRoutes(deps))
  app.route('/', personalDataRoutes(deps))
  app.route('/', reportRoutes(deps))
  app.route('/', startupRoutes(deps))
  app.route('/', partnerKeyRoutes(deps))
  app.route('/', feedRoutes(deps))
  app.route('/', subscriptionRoutes(deps))
  // Pages for people: clients of the routes above, in process (functions/api/pages).
  app.route('/', pageRoutes(deps, (path, init) => app.request(path, init)))
  app.route('/', docsRoutes(app))
  app.route('/', contractRoutes(app))
  return app
}

export type App = ReturnType<typeof createApp>
