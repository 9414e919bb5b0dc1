import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { ApiEnv } from '../app-env.js'

/** `GET /health` as the OpenAPI document shows it (its handler is routes/health.ts). */
export const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness of the API',
  tags: ['Operations'],
  responses: {
    200: {
      description: 'The API answers',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
})

/**
 * Puts `GET /health` in the router's OpenAPI document without a handler.
 *
 * @example documentHealth(router)
 */
export const documentHealth = (router: OpenAPIHono<ApiEnv>) => {
  router.openAPIRegistry.registerPath(healthRoute)
}
