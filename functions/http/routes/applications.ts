import { createRoute, z } from '@hono/zod-openapi'
import { decideApplication, withdrawApplication } from '../../commands/application-decisions.js'
import { handleCommand } from '../../commands/handle-command.js'
import { answer, commandContextOf } from '../commands.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { decisionBody, withdrawalBody } from '../../contract/requests.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const applicationParams = z.object({ applicationId: z.string().min(1).max(100) })
const applicationStatus = z
  .object({ applicationId: z.string(), status: z.enum(['selected', 'rejected', 'withdrawn']) })
  .openapi('ApplicationStatus')

const decisionRoute = createRoute({
  method: 'post',
  path: '/applications/{applicationId}/decision',
  operationId: 'decideApplication',
  summary: 'Select or reject a submitted application',
  description:
    'Selection is refused once the edition is full. Send `If-Match` with the application’s ETag to decide on what you saw.',
  tags: ['Applications'],
  security: [{ bearer: [] }],
  request: { params: applicationParams, body: { required: true, content: { 'application/json': { schema: decisionBody } } } },
  responses: { 200: jsonContent(applicationStatus, 'Decided; the ETag is the application’s version'), ...commandProblems },
})

const withdrawalRoute = createRoute({
  method: 'post',
  path: '/applications/{applicationId}/withdrawal',
  operationId: 'withdrawApplication',
  // Anyone with the withdrawal token, or staff with a bearer token and no token.
  security: [{}, { bearer: [] }] as Array<Record<string, string[]>>,
  summary: 'Withdraw an application (the start-up with its token, or staff)',
  tags: ['Applications'],
  request: { params: applicationParams, body: { required: true, content: { 'application/json': { schema: withdrawalBody } } } },
  responses: { 200: jsonContent(applicationStatus, 'Withdrawn; the ETag is the application’s version'), ...commandProblems },
})

/** `POST /applications/{id}/decision` (staff) and `POST /applications/{id}/withdrawal`. */
export const applicationRoutes = (deps: ApiDeps) => {
  const guards = routeGuards(deps)
  return newRouter()
    .openapi({ ...decisionRoute, middleware: guards.admin }, async (c) => {
      const { applicationId } = c.req.valid('param')
      const { decision, reason, occurredAt } = c.req.valid('json')
      const context = commandContextOf(c, deps.clock, occurredAt)
      return answer(c, await handleCommand(deps, decideApplication(deps, { applicationId, decision, reason }, context), context), 200)
    })
    .openapi({ ...withdrawalRoute, middleware: guards.public }, async (c) => {
      const { applicationId } = c.req.valid('param')
      const { token, reason, occurredAt } = c.req.valid('json')
      const context = commandContextOf(c, deps.clock, occurredAt)
      return answer(c, await handleCommand(deps, withdrawApplication(deps, { applicationId, token, reason }, context), context), 200)
    })
}
