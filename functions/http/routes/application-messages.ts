import { createRoute, z } from '@hono/zod-openapi'
import { applicationMessages, loadApplicationMessages } from '../../queries/application-messages.js'
import { authorize } from '../auth/authorize.js'
import type { ApiDeps } from '../deps.js'
import { newRouter } from '../router.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const route = createRoute({
  method: 'get',
  path: '/applications/{applicationId}/messages',
  operationId: 'listApplicationMessages',
  summary: 'The e-mail an application led to, and where each stands (staff)',
  description:
    'One entry per message and recipient, oldest event first: its kind, to whom by role ' +
    '(never an address), and whether it is queued, being sent, retried (attempts, next ' +
    'attempt, last error), sent (when; returned if it bounced or was complained of ' +
    'afterwards) or stopped (why: the contact erased, the address suppressed, refused, ' +
    'tries spent). Read from the outbox a second or so behind it; an unknown application ' +
    'lists none.',
  tags: ['Applications'],
  security: [{ bearer: [] }],
  request: { params: z.object({ applicationId: z.string().min(1).max(100) }) },
  responses: {
    200: jsonContent(applicationMessages, 'The application’s messages'),
    400: commandProblems[400],
    401: commandProblems[401],
    403: commandProblems[403],
  },
})

/** `GET /applications/{id}/messages` (staff): what was mailed for an application, and when, or why not. */
export const applicationMessageRoutes = ({ verifier, outbox }: ApiDeps) =>
  newRouter().openapi({ ...route, middleware: [authorize(verifier, ['admin'])] }, async (c) => {
    const { applicationId } = c.req.valid('param')
    return c.json(await loadApplicationMessages(outbox, applicationId), 200)
  })
