import { createRoute, z } from '@hono/zod-openapi'
import { editionDecider } from '../../../domain/edition/index.js'
import { editionLifecycle } from '../../commands/edition-lifecycle.js'
import { handleCommand } from '../../commands/handle-command.js'
import { effectiveTime } from '../../commands/history.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { closeBody, openEditionBody } from '../schemas/requests.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const editionParams = z.object({ editionId: z.string().min(1).max(64).openapi({ example: 'ces-2020' }) })
const editionAnswer = z.object({ editionId: z.string(), status: z.enum(['open', 'closed']) }).openapi('EditionStatus')

const openEdition = createRoute({
  method: 'post',
  path: '/editions',
  operationId: 'openEdition',
  summary: 'Open an edition (a delegation to one trade show)',
  tags: ['Editions'],
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: openEditionBody } } } },
  responses: { 201: jsonContent(editionAnswer, 'The edition is open; the ETag is its version'), ...commandProblems },
})

const closeEdition = createRoute({
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

/** `POST /editions` and `POST /editions/{editionId}/close` (staff). */
export const editionRoutes = (deps: ApiDeps) => {
  const guards = routeGuards(deps)
  return newRouter()
    .openapi({ ...openEdition, middleware: guards.admin }, async (c) => {
      const { id: editionId, occurredAt, ...details } = c.req.valid('json')
      const now = effectiveTime(c, occurredAt, deps.clock)
      return handleCommand(c, deps, {
        aggregate: editionDecider,
        id: editionId,
        status: 201,
        occurredAt,
        decide: (edition) => {
          const events = editionDecider.decide({ type: 'OpenEdition', editionId, ...details, now }, edition.state, {})
          return {
            events,
            counters: [editionLifecycle(editionId, edition, events)],
            body: { editionId, status: 'open' as const },
            headers: { Location: `/reports/editions/${editionId}` },
          }
        },
      })
    })
    .openapi({ ...closeEdition, middleware: guards.admin }, async (c) => {
      const { editionId } = c.req.valid('param')
      const { occurredAt } = c.req.valid('json')
      const now = effectiveTime(c, occurredAt, deps.clock)
      return handleCommand(c, deps, {
        aggregate: editionDecider,
        id: editionId,
        status: 200,
        occurredAt,
        decide: (edition) => {
          const events = editionDecider.decide({ type: 'CloseEdition', editionId, now }, edition.state, {})
          return { events, counters: [editionLifecycle(editionId, edition, events)], body: { editionId, status: 'closed' as const } }
        },
      })
    })
}
