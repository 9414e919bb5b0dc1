import { fileURLToPath } from 'node:url'
import { handle } from 'hono/aws-lambda'
import { createLogger } from '../shared/logger.js'
import { traced } from '../shared/tracer.js'
import type { CoreDeps } from './core.js'
import { coreConfigFromEnv } from './core-config.js'
import type { ApiDeps } from './deps.js'
import { assembleApi } from './app.js'

// Built by infra/lambda-bundles.ts beside index.mjs, this file once bundled.
const pageAssetsDir = fileURLToPath(new URL('./page-assets/', import.meta.url))
const logger = createLogger('api')

let deps: Promise<ApiDeps> | undefined
/** The routes' dependencies (zod, the AWS SDK, jose): built by the first request needing them. */
const routeDeps = () =>
  (deps ??= import('./deps-from-env.js').then(
    ({ apiDepsFromEnv }) => apiDepsFromEnv(process.env, logger, pageAssetsDir),
    (error: unknown) => {
      deps = undefined
      throw error
    },
  ))

// Cold start builds the core alone: the limits per caller verify a bearer token (jose)
// only when a request carries one.
const core: CoreDeps = {
  logger,
  clock: () => new Date(),
  ...coreConfigFromEnv(process.env),
  verifier: { verify: async (token) => (await routeDeps()).verifier.verify(token) },
  // The limits' counts and partner keys are in DynamoDB: the SDK loads with the first counted request.
  hits: { hit: async (...args) => (await routeDeps()).hits.hit(...args) },
  apiKeys: { authenticate: async (...args) => (await routeDeps()).apiKeys.authenticate(...args) },
  pageAssets: async () => (await routeDeps()).pages?.assets,
}

/**
 * API Gateway HTTP API (v2) → the Hono app, each request traced (its metrics:
 * deps-from-env.ts). The routes are their own chunk of the bundle (`import()` below),
 * loaded by the first request that is not `GET /health`.
 */
export const handler = traced(
  'api',
  handle(
    assembleApi(core, async (app) => {
      const [{ featureRoutes }, all] = await Promise.all([import('./feature-routes.js'), routeDeps()])
      return featureRoutes(all, (path, init, env) => app.request(path, init, env))
    }),
  ),
)
