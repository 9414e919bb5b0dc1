import { createRoute, z } from '@hono/zod-openapi'
import { editionDecider } from '../../../domain/edition/index.js'
import { partnerDecider, partnerErrors } from '../../../domain/partner/index.js'
import type { StreamAppend } from '../../store/event-store.js'
import { handleCommand } from '../../commands/handle-command.js'
import { effectiveTime } from '../../commands/history.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { partnerBody } from '../schemas/requests.js'
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

/** A slug from a partner's name: `Métropole Nice Côte d'Azur` → `metropole-nice-cote-d-azur`. */
export const slugify = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)

/** `POST /editions/{editionId}/partners` (staff): registers a new partner as it joins. */
export const partnerRoutes = (deps: ApiDeps) =>
  newRouter().openapi({ ...route, middleware: routeGuards(deps).admin }, async (c) => {
    const { editionId } = c.req.valid('param')
    const body = c.req.valid('json')
    const now = effectiveTime(c, body.occurredAt, deps.clock)
    const partnerId = body.partnerId ?? slugify(body.name ?? '')
    return handleCommand(c, deps, {
      aggregate: editionDecider,
      id: editionId,
      status: 201,
      occurredAt: body.occurredAt,
      async decide(edition) {
        // A registered partner never changes: it is read, not checked, and its name
        // and kind are copied onto the join.
        const partner = await deps.aggregates.load(partnerDecider, partnerId, { reuse: 'cached' })
        const alsoAppend: StreamAppend[] = []
        let { name, kind } = body
        if (partner.state.status === 'registered') {
          ;({ name, kind } = partner.state)
        } else if (!name || !kind) {
          throw partnerErrors.notFound(partnerId)
        } else {
          const events = partnerDecider.decide({ type: 'RegisterPartner', partnerId, name, kind, now }, partner.state, undefined)
          alsoAppend.push({ streamId: partner.streamId, expectedVersion: partner.version, events })
        }
        const join = { type: 'JoinPartner' as const, editionId, partnerId, name, kind, contribution: body.contribution, now }
        return { events: editionDecider.decide(join, edition.state, {}), alsoAppend, body: { partnerId, editionId } }
      },
    })
  })
