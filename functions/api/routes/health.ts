import { createRoute, z } from '@hono/zod-openapi'
import { newRouter } from '../router.js'
import { throttled } from '../schemas/responses.js'

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
 * `GET /health`: answers without touching DynamoDB, so it says the process is alive.
 *
 * @example app.route('/', healthRoutes())
 */
export const healthRoutes = () =>
  newRouter().openapi(route, (c) => c.json({ status: 'ok' as const }, 200))
