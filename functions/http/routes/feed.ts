import { createRoute, z } from '@hono/zod-openapi'
import { slug } from '../../../domain/events/index.js'
import {
  partnerEventTypes,
  type PartnerEventType,
} from '../../../domain/partner-access/partner-view.js'
import { toPublicEvent } from '../../../domain/partner-access/public-event.js'
import { readMatching, readNewestMatching } from '../../partner-access/feed-page.js'
import { sequenceCursor } from '../../shared/cursor.js'
import { requirePartner } from '../auth/api-key.js'
import { withheldTypesNote } from '../../contract/event-catalogue.js'
import { feedEventSchema } from '../../contract/feed-events.js'
import type { ApiDeps } from '../deps.js'
import { newRouter } from '../router.js'
import { documented } from '../../shared/http/documented.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const typeList = z
  .string()
  .max(1_000)
  .transform((value, ctx) => {
    const types = value
      .split(',')
      .map((type) => type.trim())
      .filter(Boolean)
    const unknown = types.filter((type) => !(partnerEventTypes as string[]).includes(type))
    if (unknown.length > 0) {
      const message = `unknown event types, or types partners never receive: ${unknown.join(', ')}`
      ctx.addIssue({ code: 'custom', message })
    }
    return types as PartnerEventType[]
  })
  .openapi({
    example: 'award.won,partner.joined',
    description: 'Comma-separated event types (default: every type partners receive)',
  })

const route = createRoute({
  method: 'get',
  path: '/feed',
  operationId: 'readFeed',
  summary: 'Every event of the programme in order, from a cursor (partners)',
  description:
    'Resume from the last `next` to get every matching event exactly once, in order. `next` ' +
    'moves past events the filters leave out too. Events are numbered by `sequence`, 1, 2, 3 … ' +
    'over the events partners receive, with no gaps. With `editionId`, only events of that edition ' +
    'come back: `startup.profile-published` and `partner.registered` belong to none. ' +
    'With `order=desc` (since 2.1.0), the newest events come first and `next` pages to older ' +
    'ones: pass it back as `after` with `order=desc` again. ' +
    withheldTypesNote(),
  tags: ['Partner feed'],
  // A partner's key, or one of its users' tokens (the portal's feed page).
  security: [{ apiKey: [] }, { bearer: [] }] as Array<Record<string, string[]>>,
  request: {
    query: z.object({
      after: z
        .string()
        .max(40)
        .optional()
        .openapi({ description: 'The `next` of the previous page, read in the same `order`' }),
      order: z.enum(['asc', 'desc']).default('asc').openapi({
        description: '`asc`: oldest first, onwards from `after`; `desc`: newest first, older than `after`',
      }),
      types: typeList.optional(),
      editionId: documented(slug, { example: 'ces-2020' }).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({ events: z.array(feedEventSchema), next: z.string() }).openapi('FeedPage'),
      'A page of events',
    ),
    ...commandProblems,
  },
})

/**
 * `GET /feed` (partners' API keys with `feed:read`, or a partner's user's token).
 *
 * @example app.route('/', feedRoutes(deps))
 */
export const feedRoutes = (deps: ApiDeps) => {
  const router = newRouter()
  router.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
  })
  return router.openapi(route, async (c) => {
    await requirePartner(c, deps, 'feed:read')
    const { after, order, types, editionId, limit } = c.req.valid('query')
    const sequence = after === undefined ? undefined : sequenceCursor.decode(after)
    const filter = { ...(types?.length ? { types } : {}), ...(editionId ? { editionId } : {}) }
    const { events, last } =
      order === 'desc'
        ? await readNewestMatching(deps.feed, { before: sequence, limit, filter })
        : await readMatching(deps.feed, { after: sequence ?? 0, limit, filter })
    return c.json({ events: events.map(toPublicEvent), next: sequenceCursor.encode(last) }, 200)
  })
}
