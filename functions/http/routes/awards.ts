import { createRoute, z } from '@hono/zod-openapi'
import { recordAward } from '../../commands/awards-and-partners.js'
import { handleCommand } from '../../commands/handle-command.js'
import { answer, commandContextOf } from '../commands.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { awardBody } from '../../contract/requests.js'
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

/** `POST /editions/{editionId}/awards` (staff): an award won by a member (commands/awards-and-partners.ts). */
export const awardRoutes = (deps: ApiDeps) =>
  newRouter().openapi({ ...route, middleware: routeGuards(deps).admin }, async (c) => {
    const { editionId } = c.req.valid('param')
    const { occurredAt, ...award } = c.req.valid('json')
    const context = commandContextOf(c, deps.clock, occurredAt)
    return answer(c, await handleCommand(deps, recordAward(deps, { editionId, ...award }, context), context), 201)
  })
