import { createRoute, z } from '@hono/zod-openapi'
import * as schemas from '../../webhooks/api-schemas.js'
import { throwReplayProblem, webhookProblems } from '../../webhooks/problems.js'
import { pauseSubscription, resumeSubscription } from '../../webhooks/subscriptions/pause.js'
import { previewReplay } from '../../webhooks/subscriptions/replay-preview.js'
import { sendTestEvent } from '../../webhooks/test-events/send-test-event.js'
import type { ApiDeps } from '../deps.js'
import { newRouter } from '../router.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'
import { actorOf, visibleSubscription } from './subscription-access.js'

const tags = ['Webhook subscriptions']
const security: Array<Record<string, string[]>> = [{ apiKey: [] }, { bearer: [] }]
const request = { params: z.object({ id: z.string().min(1).max(100) }) }

const routes = {
  pause: createRoute({
    method: 'post',
    operationId: 'pauseSubscription',
    path: '/subscriptions/{id}/pause',
    tags,
    security,
    summary: 'Pause: events still match and wait, nothing is posted until it is resumed',
    request,
    responses: { 200: jsonContent(schemas.subscriptionView, 'Paused'), ...commandProblems },
  }),
  resume: createRoute({
    method: 'post',
    operationId: 'resumeSubscription',
    path: '/subscriptions/{id}/resume',
    tags,
    security,
    summary: 'Resume a paused or disabled subscription: what waited goes out, in order',
    request,
    responses: { 200: jsonContent(schemas.subscriptionView, 'Active again'), ...commandProblems },
  }),
  test: createRoute({
    method: 'post',
    operationId: 'sendTestEvent',
    path: '/subscriptions/{id}/test',
    tags,
    security,
    summary:
      'Post a signed test event (`subscription.tested`) to the URL now, once, and say how it went',
    description:
      'Signed like every webhook with the secrets signing now, so the endpoint verifies it as it ' +
      'will verify real events. One attempt, never retried; `delivered` says whether it answered 2xx.',
    request,
    responses: {
      201: jsonContent(schemas.testEventView, 'Sent: what the endpoint answered'),
      ...commandProblems,
    },
  }),
  tests: createRoute({
    method: 'get',
    operationId: 'listTestEvents',
    path: '/subscriptions/{id}/tests',
    tags,
    security,
    summary: 'The latest test events sent to a subscription, newest first',
    request,
    responses: {
      200: jsonContent(z.object({ tests: z.array(schemas.testEventView) }), 'The latest 20'),
      ...commandProblems,
    },
  }),
  preview: createRoute({
    method: 'get',
    operationId: 'previewReplay',
    path: '/subscriptions/{id}/replay-preview',
    tags,
    security,
    summary: 'What a replay from a sequence or a time would send, sending nothing',
    description:
      'Give `afterSequence` or `since`, as to `POST /subscriptions/{id}/replay`; then replay with ' +
      'the same start and this `toSequence` to send exactly the events counted here.',
    request: { ...request, query: schemas.replayPreviewQuery },
    responses: {
      200: jsonContent(schemas.replayPreview, 'The replay, before it is sent'),
      ...commandProblems,
    },
  }),
}

const invalidStart = webhookProblems.replayStartRequired

/**
 * What partners (and staff) do to one subscription besides the basics of subscriptions.ts:
 * pause and resume it, send it a test event and read the latest, preview a replay. Each
 * answers 404 for another partner's subscription (subscription-access.ts).
 *
 * @example app.route('/', subscriptionToolRoutes(deps))
 */
export const subscriptionToolRoutes = (deps: ApiDeps) => {
  const { webhooks } = deps
  return newRouter()
    .openapi(routes.pause, async (c) => {
      const { subscription } = await visibleSubscription(c, deps, c.req.valid('param').id)
      const paused = await pauseSubscription(webhooks.subscriptions, subscription, deps.clock())
      if (!paused) throw webhookProblems.subscriptionNotFound(subscription.id)
      return c.json(schemas.toSubscriptionView(paused, deps.clock()), 200)
    })
    .openapi(routes.resume, async (c) => {
      const { subscription } = await visibleSubscription(c, deps, c.req.valid('param').id)
      await resumeSubscription(webhooks.subscriptions, subscription)
      const resumed = await webhooks.subscriptions.get(subscription.id)
      if (!resumed || resumed.status === 'deleted')
        throw webhookProblems.subscriptionNotFound(subscription.id)
      return c.json(schemas.toSubscriptionView(resumed, deps.clock()), 200)
    })
    .openapi(routes.test, async (c) => {
      const { subscription, caller } = await visibleSubscription(c, deps, c.req.valid('param').id)
      const test = await sendTestEvent(webhooks, subscription, {
        testId: `tst_${deps.newId()}`,
        requestedBy: actorOf(caller),
        now: deps.clock(),
      })
      const { subscriptionId: _s, partnerId: _p, requestedBy: _r, ...view } = test
      return c.json(view, 201)
    })
    .openapi(routes.tests, async (c) => {
      const { subscription } = await visibleSubscription(c, deps, c.req.valid('param').id)
      const tests = await webhooks.testEvents.latest(subscription.id, 20)
      return c.json(
        {
          tests: tests.map(
            ({ subscriptionId: _s, partnerId: _p, requestedBy: _r, ...view }) => view,
          ),
        },
        200,
      )
    })
    .openapi(routes.preview, async (c) => {
      const { subscription } = await visibleSubscription(c, deps, c.req.valid('param').id)
      const { afterSequence, since } = c.req.valid('query')
      if ((afterSequence === undefined) === (since === undefined)) throw invalidStart()
      const from = since === undefined ? { afterSequence: afterSequence ?? 0 } : { since }
      const preview = await previewReplay(webhooks, deps.feed, { subscription, from }).catch(
        throwReplayProblem,
      )
      return c.json({ ...preview, first: [...preview.first], last: [...preview.last] }, 200)
    })
}
