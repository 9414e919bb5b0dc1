import type { Hono, Context, ErrorHandler, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { requestId } from 'hono/request-id'
import type { ApiEnv } from '../shared/http/app-env.js'
import type { ApiDeps } from './deps.js'
import { asFunction } from '../shared/function-scope.js'
import type { Logger } from '../shared/logger.js'
import { problemResponse } from '../shared/http/problem.js'
import { apiProblems } from './problems.js'
import { rateLimits } from './rate-limits.js'
import { apiSecurityHeaders } from './security-headers.js'
import { healthRoutes } from './routes/health.js'
import { problemPages } from './problem-pages.js'
import type { PageAssets } from '../website/assets.js'

/** Request bodies are forms and small JSON documents; anything bigger is refused unread. */
const maxBodyBytes = 64 * 1024

/** Every AWS call a request leads to is the API function's (function-scope.ts). */
const runsAsApi: MiddlewareHandler<ApiEnv> = asFunction('api', (_c, next) => next())

/** Correlation id from the caller (or the request id), and one log line per request. */
const correlate =
  ({ logger, clock }: CoreDeps): MiddlewareHandler<ApiEnv> =>
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
 * Errors as problems (error-handler.ts). It knows every error class, zod's among them:
 * imported on the first error, so a cold start does not load them for it.
 */
export const lazyErrorHandler =
  (logger: Logger): ErrorHandler<ApiEnv> =>
  async (error, c) =>
    (await import('./error-handler.js')).errorHandler(logger)(error, c)

/** What the middleware, the error handler and `GET /health` need: cheap to build. */
export type CoreDeps = Pick<ApiDeps, 'logger' | 'clock' | 'corsOrigins' | 'rateLimits' | 'verifier' | 'hits' | 'windowClock'> & {
  readonly apiKeys: Pick<ApiDeps['apiKeys'], 'authenticate'>
  /** The pages' assets, for a problem shown to a browser as a page; unstyled without. */
  readonly pageAssets?: () => Promise<PageAssets | undefined>
}

/**
 * The part of the app every request goes through: request and correlation ids, problems as
 * pages for browsers, security headers, CORS, limits per caller, the body limit, errors as
 * problems, and `GET /health`. The Lambda builds this alone at
 * cold start and the feature routes on first use (lazy-app.ts); createApp builds both.
 *
 * @example const app = createCore({ logger, clock, corsOrigins, rateLimits, verifier }, new Hono())
 */
export const createCore = <A extends Hono<ApiEnv>>(deps: CoreDeps, app: A): A => {
  app.use(runsAsApi)
  app.use(requestId())
  app.use(correlate(deps))
  app.use(problemPages(deps.pageAssets ?? (async () => undefined)))
  app.use(apiSecurityHeaders())
  app.use(
    cors({
      origin: [...deps.corsOrigins],
      allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'If-Match', 'X-Correlation-Id'],
      exposeHeaders: ['ETag', 'Location', 'X-Request-Id', 'X-Correlation-Id', 'X-Current-To-Position', 'Retry-After'],
      maxAge: 600,
    }),
  )
  app.use(rateLimits(deps))
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
  app.onError(lazyErrorHandler(deps.logger))
  app.notFound(notFound)
  app.route('/', healthRoutes())
  return app
}

/** A path no route takes, as a problem. */
export const notFound = (c: Context<ApiEnv>) =>
  problemResponse(c, apiProblems.routeNotFound(c.req.method, c.req.path).toProblem())

