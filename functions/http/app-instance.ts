import { fileURLToPath } from 'node:url'
import { createLogger } from '../shared/logger.js'
import { createApp } from './feature-routes.js'
import { apiDepsFromEnv } from './deps-from-env.js'

// Module scope: parsed and connected once per node process.
const deps = apiDepsFromEnv(
  process.env,
  createLogger('api'),
  // Built by infra/page-assets.ts beside this file (npm start).
  fileURLToPath(new URL('./page-assets/', import.meta.url)),
)
export const pageAssets = deps.pages.assets

/**
 * The app wired to the environment, every route built at start: what `npm start`
 * serves (the Lambda builds its routes on first use: lambda.ts).
 *
 * @example serve({ fetch: app.fetch, port: 3000 })
 */
export const app = createApp(deps)
