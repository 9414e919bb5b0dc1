import { createRoute, z } from '@hono/zod-openapi'
import { editionDecider, editionStreamId } from '../../../domain/edition/index.js'
import { assertIfMatch, commit } from '../commands/commit.js'
import { effectiveTime } from '../commands/history.js'
import { load } from '../commands/load.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { awardBody } from '../schemas/requests.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const route = createRoute({
  method: 'post',
  path: '/editions/{editionId}/awards',
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

/** `POST /editions/{editionId}/awards` (staff): CES Innovation Awards and the like. */
export const awardRoutes = (deps: ApiDeps) =>
  newRouter().openapi({ ...route, middleware: routeGuards(deps).admin }, async (c) => {
    const { editionId } = c.req.valid('param')
    const { startupId, award, category, occurredAt } = c.req.valid('json')
    const now = effectiveTime(c, occurredAt, deps.clock)
    const awardId = deps.newId()
    const streamId = editionStreamId(editionId)
    return commit(
      c,
      deps,
      async () => {
        const { state, version } = await load(deps.store, streamId, editionDecider)
        assertIfMatch(c, version)
        const events = editionDecider.decide({ type: 'RecordAward', awardId, editionId, startupId, award, category, now }, state)
        return {
          appends: [{ streamId, expectedVersion: version, events }],
          response: { status: 201, body: { awardId, editionId, startupId }, headers: { ETag: `"${version + events.length}"` } },
        }
      },
      { occurredAt },
    )
  })
