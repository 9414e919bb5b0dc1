import { createRoute, z } from '@hono/zod-openapi'
import { applicationDecider } from '../../../domain/application/index.js'
import { editionDecider } from '../../../domain/edition/index.js'
import { findApplicationGuard } from '../../store/application-guard.js'
import { handleCommand } from '../../commands/handle-command.js'
import { effectiveTime } from '../../commands/history.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { awardBody } from '../schemas/requests.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const route = createRoute({
  method: 'post',
  path: '/editions/{editionId}/awards',
  operationId: 'recordAward',
  summary: 'Record an award won at the show by a member of the delegation',
  tags: ['Awards'],
  security: [{ bearer: [] }],
  request: {
    params: z.object({ editionId: z.string().min(1).max(64).openapi({ example: 'ces-2020' }) }),
    body: { required: true, content: { 'application/json': { schema: awardBody } } },
  },
  responses: {
    201: jsonContent(z.object({ awardId: z.string(), editionId: z.string(), startupId: z.string() }).openapi('AwardRecorded'), 'Recorded'),
    ...commandProblems,
  },
})

/**
 * `POST /editions/{editionId}/awards` (staff): CES Innovation Awards and the like. Only a
 * member of the delegation wins one: the winner's application (found by the edition's
 * one-application guard) is read, and checked unchanged by the append, so a withdrawal
 * racing the award makes it decide again.
 */
export const awardRoutes = (deps: ApiDeps) =>
  newRouter().openapi({ ...route, middleware: routeGuards(deps).admin }, async (c) => {
    const { editionId } = c.req.valid('param')
    const { startupId, award, category, occurredAt } = c.req.valid('json')
    const now = effectiveTime(c, occurredAt, deps.clock)
    const awardId = deps.newId()
    return handleCommand(c, deps, {
      aggregate: editionDecider,
      id: editionId,
      status: 201,
      occurredAt,
      async decide({ state }) {
        const guard = await findApplicationGuard(deps.store, editionId, startupId)
        const winner = guard ? await deps.aggregates.load(applicationDecider, guard.applicationId) : undefined
        const command = { type: 'RecordAward' as const, awardId, editionId, startupId, award, category, now }
        return {
          events: editionDecider.decide(command, state, winner ? { winner: winner.state } : {}),
          unchanged: winner ? [winner] : [],
          body: { awardId, editionId, startupId },
        }
      },
    })
  })
