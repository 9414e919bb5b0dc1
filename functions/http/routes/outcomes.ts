import { createRoute, z } from '@hono/zod-openapi'
import { slug } from '../../../domain/events/index.js'
import { handleCommand } from '../../commands/handle-command.js'
import { recordOutcomes, reportOwnOutcomes } from '../../commands/outcomes.js'
import { applicationTokenHeader, memberOutcomesBody, ownOutcomesBody } from '../../contract/outcome-requests.js'
import { loadOwnOutcomes, ownOutcomes } from '../../queries/own-outcomes.js'
import { documented } from '../../shared/http/documented.js'
import { answer, commandContextOf } from '../commands.js'
import type { ApiDeps } from '../deps.js'
import { apiProblems } from '../problems.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const recorded = z
  .object({ editionId: z.string(), startupId: z.string(), revision: z.number().int() })
  .openapi('OutcomesRecorded', { description: 'The ETag is the member’s outcomes version: its revision' })

const applicationParams = z.object({ applicationId: z.string().min(1).max(100) })

const memberRoute = createRoute({
  method: 'post',
  path: '/editions/{editionId}/outcomes',
  operationId: 'recordOutcomes',
  summary: 'Record or correct what a member brought back from the show (staff)',
  description:
    'The whole report, from the show’s first day on; it supersedes the member’s earlier one (a new revision). ' +
    'Send `If-Match` with the revision you saw, so a report the start-up sent meanwhile is not overwritten unseen.',
  tags: ['Outcomes'],
  security: [{ bearer: [] }],
  request: {
    params: z.object({ editionId: documented(slug, { example: 'ces-2020' }) }),
    body: { required: true, content: { 'application/json': { schema: memberOutcomesBody } } },
  },
  responses: { 201: jsonContent(recorded, 'Recorded'), ...commandProblems },
})

const ownRoute = createRoute({
  method: 'post',
  path: '/applications/{applicationId}/outcomes',
  operationId: 'reportOwnOutcomes',
  // Anyone with the application's token; staff may add `occurredAt` to import a past report.
  security: [{}, { bearer: [] }] as Array<Record<string, string[]>>,
  summary: 'A member start-up reports what it brought back from the show, with its token',
  description:
    'The token is the one given when applying (its withdrawal token). The whole report, from the show’s ' +
    'first day on; it supersedes the start-up’s earlier one.',
  tags: ['Outcomes'],
  request: {
    params: applicationParams,
    body: { required: true, content: { 'application/json': { schema: ownOutcomesBody } } },
  },
  responses: { 201: jsonContent(recorded, 'Recorded'), ...commandProblems },
})

const readOwnRoute = createRoute({
  method: 'get',
  path: '/applications/{applicationId}/outcomes',
  operationId: 'getOwnOutcomes',
  security: [],
  summary: 'A start-up reads its own latest report, with its token',
  tags: ['Outcomes'],
  request: {
    params: applicationParams,
    headers: z.object({
      [applicationTokenHeader.toLowerCase()]: z
        .string()
        .min(1)
        .max(200)
        .openapi({ description: 'The token given when applying (its withdrawal token)' }),
    }),
  },
  responses: {
    200: jsonContent(ownOutcomes, 'The edition, the membership, the latest report (no note to staff)'),
    400: commandProblems[400],
    403: { ...commandProblems[403], description: 'The token is not this application’s' },
    404: { ...commandProblems[404], description: 'No such application' },
    503: commandProblems[503],
  },
})

/**
 * Members' outcomes after a show: `POST /editions/{editionId}/outcomes` (staff record or
 * correct), `POST /applications/{applicationId}/outcomes` (the start-up, with its token)
 * and `GET` of the same (what it reported last).
 */
export const outcomeRoutes = (deps: ApiDeps) => {
  const guards = routeGuards(deps)
  return newRouter()
    .openapi({ ...memberRoute, middleware: guards.admin }, async (c) => {
      const { editionId } = c.req.valid('param')
      const { startupId, occurredAt, ...report } = c.req.valid('json')
      const context = commandContextOf(c, deps.clock, occurredAt)
      return answer(c, await handleCommand(deps, recordOutcomes(deps, { editionId, startupId, report }, context), context), 201)
    })
    .openapi({ ...ownRoute, middleware: guards.public }, async (c) => {
      const { applicationId } = c.req.valid('param')
      const { token, occurredAt, ...report } = c.req.valid('json')
      const context = commandContextOf(c, deps.clock, occurredAt)
      const useCase = await reportOwnOutcomes(deps, { applicationId, token, report }, context)
      return answer(c, await handleCommand(deps, useCase, context), 201)
    })
    .openapi(readOwnRoute, async (c) => {
      const { applicationId } = c.req.valid('param')
      const token = c.req.valid('header')[applicationTokenHeader.toLowerCase()] ?? ''
      const mine = await loadOwnOutcomes(deps, applicationId, token)
      if (mine === undefined) throw apiProblems.invalidWithdrawalToken()
      return c.json(mine, 200, { 'Cache-Control': 'no-store' })
    })
}
