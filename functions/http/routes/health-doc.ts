import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { ApiEnv } from '../../shared/http/app-env.js'
import { throttled } from '../schemas/responses.js'

/** `GET /health` as the OpenAPI document shows it (its handler: routes/health.ts). */
const route = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  security: [],
  summary: 'Liveness of the API',
  tags: ['Operations'],
  responses: {
    200: {
      description: 'The API answers',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
    ...throttled,
  },
})

/**
 * Puts `GET /health` in the router's OpenAPI document, without a handler.
 *
 * @example documentHealth(router)
 */
export const documentHealth = (router: OpenAPIHono<ApiEnv>) => {
  router.openAPIRegistry.registerPath(route)
}
