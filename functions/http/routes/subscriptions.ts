import { createRoute, z } from '@hono/zod-openapi'
import { deliveryStatuses } from '../../../domain/webhooks/delivery.js'
import * as schemas from '../../webhooks/api-schemas.js'
import { deliveryLogCursor } from '../../webhooks/delivery/log-cursor.js'
import { throwReplayProblem, webhookProblems } from '../../webhooks/problems.js'
import { redriveSubscription } from '../../webhooks/subscriptions/redrive.js'
import { replaySubscription } from '../../webhooks/subscriptions/replay.js'
import { subscribe } from '../../webhooks/subscriptions/subscribe.js'
import { requireCaller, requirePartner } from '../auth/api-key.js'
import type { ApiDeps } from '../deps.js'
import { newRouter } from '../router.js'
import { commandProblems, jsonContent, problemContent } from '../schemas/responses.js'
import { visibleSubscription } from './subscription-access.js'

const tags = ['Webhook subscriptions']
// A partner's key, or a bearer token: a partner's user's (its own partner's) or staff's.
const security: Array<Record<string, string[]>> = [{ apiKey: [] }, { bearer: [] }]
const idParams = z.object({ id: z.string().min(1).max(100) })
const json = <T extends z.ZodType>(schema: T, required = true) => ({
  required,
  content: { 'application/json': { schema } },
})
const withSecret = schemas.subscriptionView.extend({
  secret: z.string().openapi({ description: 'Shown once: verifies the signatures (`whsec_…`)' }),
})

const routes = {
  create: createRoute({
    method: 'post',
    operationId: 'createSubscription',
    path: '/subscriptions',
    tags,
    security,
    summary: 'Subscribe a URL to events (partners); the signing secret is shown once',
    request: { body: json(schemas.subscriptionBody) },
    responses: { 201: jsonContent(withSecret, 'Subscribed'), ...commandProblems },
  }),
  list: createRoute({
    method: 'get',
    operationId: 'listSubscriptions',
    path: '/subscriptions',
    tags,
    security,
    summary: "A partner's subscriptions; staff see every partner's (and why one was disabled)",
    request: { query: z.object({ partnerId: z.string().max(64).optional() }) },
    responses: {
      200: jsonContent(
        z.object({ subscriptions: z.array(schemas.subscriptionView) }),
        'Subscriptions',
      ),
      ...commandProblems,
    },
  }),
  get: createRoute({
    method: 'get',
    operationId: 'getSubscription',
    path: '/subscriptions/{id}',
    tags,
    security,
    summary: 'One subscription',
    request: { params: idParams },
    responses: {
      200: jsonContent(schemas.subscriptionView, 'The subscription'),
      ...commandProblems,
    },
  }),
  remove: createRoute({
    method: 'delete',
    operationId: 'deleteSubscription',
    path: '/subscriptions/{id}',
    tags,
    security,
    summary: 'Unsubscribe: nothing more is sent',
    request: { params: idParams },
    responses: { 204: { description: 'Deleted' }, ...commandProblems },
  }),
  rotate: createRoute({
    method: 'post',
    operationId: 'rotateSubscriptionSecret',
    path: '/subscriptions/{id}/secret-rotation',
    tags,
    security,
    summary: 'A new signing secret (shown once); the previous one keeps signing during the overlap',
    request: { params: idParams, body: json(schemas.rotationBody, false) },
    responses: {
      201: jsonContent(
        z.object({ secret: z.string(), previousSecretsUntil: z.string().optional() }),
        'Rotated',
      ),
      ...commandProblems,
    },
  }),
  redrive: createRoute({
    method: 'post',
    operationId: 'redriveSubscription',
    path: '/subscriptions/{id}/redrive',
    tags,
    security,
    summary: 'Send the dead-lettered deliveries again, and enable the subscription again',
    request: { params: idParams },
    responses: {
      202: jsonContent(z.object({ redriven: z.number().int(), status: z.string() }), 'Queued'),
      ...commandProblems,
    },
  }),
  replay: createRoute({
    method: 'post',
    operationId: 'replaySubscription',
    path: '/subscriptions/{id}/replay',
    tags,
    security,
    summary: 'Send again every matching event after a sequence or since a time (recovery)',
    description:
      'Each event in the range gets a new delivery with a new `webhook-id` and a `replay` member ' +
      'in its body; it supersedes the delivery the event had. The subscription is enabled again. ' +
      'Deliveries start within the deliverer’s next run, in order per stream. ' +
      'At most 10,000 events per replay: for more, read `GET /feed`. ' +
      'One replay at a time per subscription, five a UTC day.',
    request: { params: idParams, body: json(schemas.replayBody) },
    responses: {
      202: jsonContent(schemas.replayOutcome, 'Replayed; deliveries are under way'),
      ...commandProblems,
      429: problemContent('A replay of it is in progress, or today’s replays are spent: ask again after `Retry-After`'),
    },
  }),
  deliveries: createRoute({
    method: 'get',
    operationId: 'listDeliveries',
    path: '/subscriptions/{id}/deliveries',
    tags,
    security,
    summary: 'The delivery log, newest first',
    request: {
      params: idParams,
      query: z.object({
        cursor: z.string().max(40).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        status: z.enum(deliveryStatuses).optional(),
        failed: z
          .enum(['true', 'false'])
          .optional()
          .openapi({ description: 'Only deliveries whose last attempt failed (retrying, or dead)' }),
      }),
    },
    responses: {
      200: jsonContent(
        z.object({ deliveries: z.array(schemas.deliveryView), next: z.string().optional() }),
        'A page of the log',
      ),
      ...commandProblems,
    },
  }),
}

const notFound = webhookProblems.subscriptionNotFound

/**
 * Partners manage their webhook subscriptions with their key; staff may read and redrive any.
 *
 * @example app.route('/', subscriptionRoutes(deps))
 */
export const subscriptionRoutes = (deps: ApiDeps) => {
  const { webhooks } = deps

  return newRouter()
    .openapi(routes.create, async (c) => {
      const caller = await requirePartner(c, deps, 'subscriptions:write')
      const body = c.req.valid('json')
      const { types, editionId } = body
      const filter = { ...(types?.length ? { types } : {}), ...(editionId ? { editionId } : {}) }
      const now = deps.clock()
      const request = {
        id: deps.newId(),
        partnerId: caller.partnerId,
        url: body.url,
        filter,
        createdBy: caller.actor,
        now,
      }
      // An unsafe URL throws UnsafeTargetError, which onError answers as unsafe-target.
      const { subscription, secret } = await subscribe(webhooks, deps.feed, request)
      c.header('Location', `/subscriptions/${subscription.id}`)
      c.header('Cache-Control', 'no-store')
      return c.json({ ...schemas.toSubscriptionView(subscription, now), secret }, 201)
    })
    .openapi(routes.list, async (c) => {
      const caller = await requireCaller(c, deps, 'subscriptions:write')
      const { partnerId } = c.req.valid('query')
      const only = caller.kind === 'partner' ? caller.partnerId : partnerId
      const { subscriptions } = await webhooks.subscriptions.registry()
      const now = deps.clock()
      const mine = subscriptions.filter((s) => only === undefined || s.partnerId === only)
      return c.json({ subscriptions: mine.map((s) => schemas.toSubscriptionView(s, now)) }, 200)
    })
    .openapi(routes.get, async (c) => {
      const { subscription } = await visibleSubscription(c, deps, c.req.valid('param').id)
      return c.json(schemas.toSubscriptionView(subscription, deps.clock()), 200)
    })
    .openapi(routes.remove, async (c) => {
      const { id } = c.req.valid('param')
      await visibleSubscription(c, deps, id)
      if (!(await webhooks.subscriptions.remove(id, deps.clock()))) throw notFound(id)
      return c.body(null, 204)
    })
    .openapi(routes.rotate, async (c) => {
      const { id } = c.req.valid('param')
      const caller = await requirePartner(c, deps, 'subscriptions:write')
      const existing = await webhooks.subscriptions.get(id)
      const own = existing?.status !== 'deleted' && existing?.partnerId === caller.partnerId
      if (!own) throw notFound(id)
      const overlapSeconds = c.req.valid('json')?.overlapSeconds ?? 86_400
      const now = deps.clock()
      const secret = webhooks.newSecret()
      const rotated = await webhooks.subscriptions.rotateSecret(
        id,
        secret,
        now,
        overlapSeconds * 1_000,
      )
      if (!rotated) throw notFound(id)
      const until = rotated.secrets[1]?.notAfter
      c.header('Cache-Control', 'no-store')
      return c.json({ secret, ...(until ? { previousSecretsUntil: until } : {}) }, 201)
    })
    .openapi(routes.redrive, async (c) => {
      const { subscription } = await visibleSubscription(c, deps, c.req.valid('param').id)
      const redriven = await redriveSubscription(webhooks, subscription, deps.clock())
      return c.json({ redriven, status: 'active' }, 202)
    })
    .openapi(routes.replay, async (c) => {
      const { subscription } = await visibleSubscription(c, deps, c.req.valid('param').id)
      const body = c.req.valid('json')
      const from =
        body.since === undefined ? { afterSequence: body.afterSequence ?? 0 } : { since: body.since }
      const replayId = `rpl_${deps.newId()}`
      const request = { subscription, from, replayId, now: deps.clock(), upTo: body.toSequence }
      const outcome = await replaySubscription(webhooks, deps.feed, request).catch(throwReplayProblem)
      return c.json(outcome, 202)
    })
    .openapi(routes.deliveries, async (c) => {
      const { id } = c.req.valid('param')
      await visibleSubscription(c, deps, id)
      const { cursor, limit, status, failed } = c.req.valid('query')
      const before = cursor === undefined ? undefined : await deliveryLogCursor.decode(deps.feed, cursor)
      const failedOnly = failed === 'true'
      const page = await webhooks.deliveries.log(id, { before, limit, status, failed: failedOnly })
      const next = page.next === undefined ? undefined : await deliveryLogCursor.encode(deps.feed, page.next)
      return c.json(
        {
          deliveries: page.deliveries.map(schemas.toDeliveryView),
          ...(next === undefined ? {} : { next }),
        },
        200,
      )
    })
}
