import { Hono, type MiddlewareHandler } from 'hono'
import type { ApiEnv } from '../shared/http/app-env.js'
import { createCore, lazyErrorHandler, notFound, type CoreDeps } from './core.js'

/** Where the core's ids travel to the routes' app: in the env it is fetched with. */
const coreVariables = Symbol('coreVariables')
type CoreVariables = Pick<ApiEnv['Variables'], 'requestId' | 'correlationId'>

/** The routes' first middleware: the ids the core set, back on the context. */
const withCoreVariables: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const variables = (c.env as Record<symbol, CoreVariables | undefined> | undefined)?.[coreVariables]
  if (variables) {
    c.set('requestId', variables.requestId)
    c.set('correlationId', variables.correlationId)
  }
  await next()
}

/**
 * The API, the one assembly of it: the core (middleware, errors, `GET /health`) built at
 * once, every other route loaded and built by `load` on the first request that reaches
 * one, then kept. Lazy loading is a property of how the routes are registered: the Lambda
 * imports them on first use (lambda.ts), `npm start` and the tests hand over routes
 * already in memory (feature-routes.ts `createApp`); both serve through this. The core hands such a request to those routes with its request
 * and correlation ids, so they answer as in createApp's single app. `load` receives the
 * whole app, for the pages' in-process calls.
 *
 * @example handle(assembleApi(core, async (app) => (await import('./feature-routes.js')).featureRoutes(deps, app.request)))
 */
export const assembleApi = (core: CoreDeps, load: (app: Hono<ApiEnv>) => Promise<Hono<ApiEnv>>) => {
  const app = createCore(core, new Hono<ApiEnv>())
  let routes: Promise<Hono<ApiEnv>> | undefined
  const loadRoutes = () =>
    (routes ??= load(app).then(
      (features) =>
        new Hono<ApiEnv>()
          .use(withCoreVariables)
          .route('/', features)
          .onError(lazyErrorHandler(core.logger))
          .notFound(notFound),
      // A failed load (a setting missing) is tried again by the next request.
      (error: unknown) => {
        routes = undefined
        throw error
      },
    ))
  app.all('*', async (c) => {
    const variables: CoreVariables = { requestId: c.var.requestId, correlationId: c.var.correlationId }
    return (await loadRoutes()).fetch(c.req.raw, { ...(c.env as object), [coreVariables]: variables })
  })
  return app
}
