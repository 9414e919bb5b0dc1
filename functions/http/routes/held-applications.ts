import { createRoute, z } from '@hono/zod-openapi'
import { settleHeldApplication } from '../../commands/application-decisions.js'
import { handleCommand } from '../../commands/handle-command.js'
import { answer, commandContextOf } from '../commands.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { confirmationBody } from '../../contract/requests.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const confirmed = z
  .object({ applicationId: z.string(), status: z.enum(['submitted', 'dismissed']) })
  .openapi('HeldApplicationOutcome')

const route = createRoute({
  method: 'post',
  path: '/applications/{applicationId}/confirmation',
  operationId: 'confirmHeldApplication',
  summary: 'Confirm or dismiss a held application (staff)',
  description:
    'An application for a registered start-up from a contact person it did not register is held: ' +
    'it is not the start-up’s and counts for nothing until staff confirm it. Confirming submits it ' +
    '(and takes the start-up’s one application to the edition: 409 `already-applied` if the start-up ' +
    'has applied meanwhile); dismissing ends it. The ETag is the application’s version.',
  tags: ['Applications'],
  security: [{ bearer: [] }],
  request: {
    params: z.object({ applicationId: z.string().min(1).max(100) }),
    body: { required: true, content: { 'application/json': { schema: confirmationBody } } },
  },
  responses: {
    200: jsonContent(confirmed, 'Confirmed (submitted) or dismissed'),
    ...commandProblems,
  },
})

/** `POST /applications/{id}/confirmation` (staff): the end of a held application. */
export const heldApplicationRoutes = (deps: ApiDeps) =>
  newRouter().openapi({ ...route, middleware: routeGuards(deps).admin }, async (c) => {
    const { applicationId } = c.req.valid('param')
    const { outcome, reason, occurredAt } = c.req.valid('json')
    const context = commandContextOf(c, deps.clock, occurredAt)
    const handled = await handleCommand(deps, settleHeldApplication(deps, { applicationId, outcome, reason }, context), context)
    return answer(c, handled, 200)
  })
