import { createRoute, z } from '@hono/zod-openapi'
import { closeEdition, openEdition } from '../../commands/editions.js'
import { handleCommand } from '../../commands/handle-command.js'
import { answer, commandContextOf } from '../commands.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { closeBody, openEditionBody } from '../../contract/requests.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const editionParams = z.object({ editionId: z.string().min(1).max(64).openapi({ example: 'ces-2020' }) })
const editionAnswer = z.object({ editionId: z.string(), status: z.enum(['open', 'closed']) }).openapi('EditionStatus')

const openEditionRoute = createRoute({
  method: 'post',
  path: '/editions',
  operationId: 'openEdition',
  summary: 'Open an edition (a delegation to one trade show)',
  tags: ['Editions'],
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: openEditionBody } } } },
  responses: { 201: jsonContent(editionAnswer, 'The edition is open; the ETag is its version'), ...commandProblems },
})

const closeEditionRoute = createRoute({
  method: 'post',
  path: '/editions/{editionId}/close',
  operationId: 'closeEdition',
  summary: 'Close an edition: no more applications, decisions, awards or partners',
  tags: ['Editions'],
  security: [{ bearer: [] }],
  request: {
    params: editionParams,
    body: { required: false, content: { 'application/json': { schema: closeBody } } },
  },
  responses: { 200: jsonContent(editionAnswer, 'The edition is closed'), ...commandProblems },
})

/** `POST /editions` and `POST /editions/{editionId}/close` (staff): parse → execute → respond. */
export const editionRoutes = (deps: ApiDeps) => {
  const guards = routeGuards(deps)
  return newRouter()
    .openapi({ ...openEditionRoute, middleware: guards.admin }, async (c) => {
      const { id: editionId, occurredAt, themes = [], ...details } = c.req.valid('json')
      const context = commandContextOf(c, deps.clock, occurredAt)
      const handled = await handleCommand(deps, openEdition({ editionId, themes, ...details }, context), context)
      return answer(c, handled, 201, { Location: `/reports/editions/${editionId}` })
    })
    .openapi({ ...closeEditionRoute, middleware: guards.admin }, async (c) => {
      const { editionId } = c.req.valid('param')
      const context = commandContextOf(c, deps.clock, c.req.valid('json').occurredAt)
      return answer(c, await handleCommand(deps, closeEdition(editionId, context), context), 200)
    })
}
