import { createRoute, z } from '@hono/zod-openapi'
import { authorize } from '../auth/authorize.js'
import type { ApiDeps } from '../deps.js'
import { newRouter } from '../router.js'
import { eventSchema } from '../schemas/event.js'
import { commandProblems } from '../schemas/responses.js'

const route = createRoute({
  method: 'get',
  path: '/streams/{streamId}',
  operationId: 'readStream',
  summary: "A stream's events in order, for audit",
  tags: ['Audit'],
  security: [{ bearer: [] }],
  request: {
    params: z.object({ streamId: z.string().min(1).max(200).openapi({ example: 'edition-ces-2020' }) }),
    query: z.object({ fromVersion: z.coerce.number().int().min(1).default(1) }),
  },
  responses: {
    200: {
      description: 'The events, oldest first; the ETag is the stream version',
      content: {
        'application/json': {
          schema: z.object({ streamId: z.string(), version: z.number(), events: z.array(eventSchema) }),
        },
      },
    },
    400: commandProblems[400],
    401: commandProblems[401],
    403: commandProblems[403],
  },
})

/** `GET /streams/{streamId}` (admin): every event of an edition's or a start-up's stream. */
export const streamRoutes = ({ store, verifier }: ApiDeps) => {
  const router = newRouter()
  router.use('/streams/*', authorize(verifier, ['admin']))
  return router.openapi(route, async (c) => {
    const { streamId } = c.req.valid('param')
    const { fromVersion } = c.req.valid('query')
    const events = await store.readStream(streamId, { fromVersion })
    const version = events.at(-1)?.version ?? (await store.streamVersion(streamId))
    c.header('ETag', `"${version}"`)
    return c.json({ streamId, version, events }, 200)
  })
}
