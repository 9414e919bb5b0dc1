import { createRoute, z } from '@hono/zod-openapi'
import { editionDecider, editionStreamId, type EditionCommand } from '../../../domain/edition/index.js'
import type { Context } from 'hono'
import type { ApiEnv } from '../app-env.js'
import { findApplication } from '../commands/application-lookup.js'
import { assertIfMatch, commit } from '../commands/commit.js'
import { effectiveTime } from '../commands/history.js'
import { load } from '../commands/load.js'
import { tokenMatches } from '../commands/withdrawal-token.js'
import type { ApiDeps } from '../deps.js'
import { ProblemError } from '../problem.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { decisionBody, withdrawalBody } from '../schemas/requests.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const applicationParams = z.object({ applicationId: z.string().min(1).max(100) })
const applicationStatus = z
  .object({ applicationId: z.string(), status: z.enum(['selected', 'rejected', 'withdrawn']) })
  .openapi('ApplicationStatus')

const decisionRoute = createRoute({
  method: 'post',
  path: '/applications/{applicationId}/decision',
  summary: 'Select or reject a submitted application',
  description: 'Selection is refused once the edition is full. Send `If-Match` with the edition ETag to decide on what you saw.',
  tags: ['Applications'],
  security: [{ bearer: [] }],
  request: { params: applicationParams, body: { required: true, content: { 'application/json': { schema: decisionBody } } } },
  responses: { 200: jsonContent(applicationStatus, 'Decided; the ETag is the edition version'), ...commandProblems },
})

const withdrawalRoute = createRoute({
  method: 'post',
  path: '/applications/{applicationId}/withdrawal',
  summary: 'Withdraw an application (the start-up with its token, or staff)',
  tags: ['Applications'],
  request: { params: applicationParams, body: { required: true, content: { 'application/json': { schema: withdrawalBody } } } },
  responses: { 200: jsonContent(applicationStatus, 'Withdrawn'), ...commandProblems },
})

type Status = z.infer<typeof applicationStatus>['status']

/** Loads the edition holding the application, decides, and answers with the new status. */
const decideOnApplication = (
  c: Context<ApiEnv>,
  deps: ApiDeps,
  editionId: string,
  command: EditionCommand & { applicationId: string },
  status: Status,
  occurredAt: string | undefined,
) => {
  const streamId = editionStreamId(editionId)
  return commit(
    c,
    deps,
    async () => {
      const { state, version } = await load(deps.store, streamId, editionDecider)
      assertIfMatch(c, version)
      const events = editionDecider.decide(command, state)
      return {
        appends: [{ streamId, expectedVersion: version, events }],
        response: {
          status: 200 as const,
          body: { applicationId: command.applicationId, status },
          headers: { ETag: `"${version + events.length}"` },
        },
      }
    },
    { occurredAt },
  )
}

/** `POST /applications/{id}/decision` (staff) and `POST /applications/{id}/withdrawal`. */
export const applicationRoutes = (deps: ApiDeps) => {
  const guards = routeGuards(deps)
  return newRouter()
    .openapi({ ...decisionRoute, middleware: guards.admin }, async (c) => {
      const { applicationId } = c.req.valid('param')
      const { decision, reason, occurredAt } = c.req.valid('json')
      const now = effectiveTime(c, occurredAt, deps.clock)
      const { editionId } = await findApplication(deps.store, applicationId)
      const command = { type: 'DecideApplication' as const, editionId, applicationId, decision, now, ...(reason ? { reason } : {}) }
      return decideOnApplication(c, deps, editionId, command, decision, occurredAt)
    })
    .openapi({ ...withdrawalRoute, middleware: guards.public }, async (c) => {
      const { applicationId } = c.req.valid('param')
      const { token, reason, occurredAt } = c.req.valid('json')
      const now = effectiveTime(c, occurredAt, deps.clock)
      const application = await findApplication(deps.store, applicationId)
      const isStaff = c.var.principal?.roles.includes('admin') ?? false
      if (!isStaff && !(token && tokenMatches(token, application.withdrawalTokenHash))) {
        throw new ProblemError(403, 'invalid-withdrawal-token', 'Invalid withdrawal token', 'Send the token given when the application was submitted')
      }
      const command = {
        type: 'WithdrawApplication' as const,
        editionId: application.editionId,
        applicationId,
        by: isStaff ? ('staff' as const) : ('startup' as const),
        now,
        ...(reason ? { reason } : {}),
      }
      return decideOnApplication(c, deps, application.editionId, command, 'withdrawn', occurredAt)
    })
}
