import { Hono } from 'hono'
import type { ApiEnv } from '../../shared/http/app-env.js'

/**
 * `GET /health`: answers without touching DynamoDB, so it says the process is alive.
 * A plain Hono route, so the Lambda answers it before loading the other routes
 * (functions/http/lazy-app.ts); routes/health-doc.ts puts it in the OpenAPI document.
 *
 * @example app.route('/', healthRoutes())
 */
export const healthRoutes = () =>
  new Hono<ApiEnv>().get('/health', (c) => c.json({ status: 'ok' as const }, 200))
