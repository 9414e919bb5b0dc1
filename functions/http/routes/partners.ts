import { createRoute, z } from '@hono/zod-openapi'
import { joinPartner } from '../../commands/awards-and-partners.js'
import { handleCommand } from '../../commands/handle-command.js'
import { answer, commandContextOf } from '../commands.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { partnerBody } from '../../contract/requests.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const route = createRoute({
  method: 'post',
  path: '/editions/{editionId}/partners',
  operationId: 'joinPartner',
  summary: 'A partner (metropolis, agglomeration, chamber of commerce…) joins an edition',
  description: 'Name an existing `partnerId`, or give a new partner’s `name` and `kind` (registered in the same step).',
  tags: ['Partners'],
  security: [{ bearer: [] }],
  request: {
    params: z.object({ editionId: z.string().min(1).max(64).openapi({ example: 'ces-2020' }) }),
    body: { required: true, content: { 'application/json': { schema: partnerBody } } },
  },
  responses: {
    201: jsonContent(z.object({ partnerId: z.string(), editionId: z.string() }).openapi('PartnerJoined'), 'Joined'),
    ...commandProblems,
  },
})

/** `POST /editions/{editionId}/partners` (staff): registers a new partner as it joins. */
export const partnerRoutes = (deps: ApiDeps) =>
  newRouter().openapi({ ...route, middleware: routeGuards(deps).admin }, async (c) => {
    const { editionId } = c.req.valid('param')
    const { occurredAt, ...joining } = c.req.valid('json')
    const context = commandContextOf(c, deps.clock, occurredAt)
    return answer(c, await handleCommand(deps, joinPartner(deps, { editionId, ...joining }, context), context), 201)
  })
