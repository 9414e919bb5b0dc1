import { fileURLToPath } from 'node:url'
import { handle } from 'hono/aws-lambda'
import { coreDepsFromEnv } from './core.js'
import { createLazyApp } from './lazy-app.js'

// Built by infra/lambda-bundles.ts beside index.mjs, this file once bundled.
const pageAssetsDir = fileURLToPath(new URL('./page-assets/', import.meta.url))
const core = coreDepsFromEnv(process.env)

/**
 * API Gateway HTTP API (v2) → the Hono app. Cold start builds the core only; the routes,
 * zod, the AWS SDK and jose load with the first request that needs them (their own
 * chunk in the bundle: `import()` below).
 */
export const handler = handle(
  createLazyApp(core, async (app) => {
    const [{ featureRoutes }, { apiDepsFromEnv }] = await Promise.all([import('./app.js'), import('./deps-from-env.js')])
    return featureRoutes(apiDepsFromEnv(process.env, core, pageAssetsDir), (path, init) => app.request(path, init))
  }),
)
