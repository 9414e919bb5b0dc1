import { z, type OpenAPIHono } from '@hono/zod-openapi'
import {
  testEventBodySchema,
  testEventSummary,
  testEventType,
} from '../../domain/webhooks/test-event.js'
import { webhookBodySchema } from '../../domain/webhooks/webhook-body.js'
import type { ApiEnv } from '../shared/http/app-env.js'
import { deliveryPolicy, retrySchedule } from './delivery-policy.js'
import { eventDescription, partnerEventTypes, pascalName } from './event-catalogue.js'
import { namedPublicEvents } from './feed-events.js'
import { exampleTestEventBody, exampleWebhookBody } from './webhook-examples.js'

/** The Standard Webhooks headers, as every delivery carries them. */
const standardWebhooksHeaders = z.object({
  'webhook-id': z.string().openapi({
    description: 'The same on every attempt of one event to one subscription: deduplicate on it',
    example: 'msg_2b5f0c3a9d8e7f6a5b4c3d2e1f0a9b8c',
  }),
  'webhook-timestamp': z.string().openapi({
    description: 'Seconds since the epoch when this attempt was signed; refuse old ones',
    example: '1578420000',
  }),
  'webhook-signature': z.string().openapi({
    description:
      'Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>`, ' +
      'one per secret signing now (two during a rotation)',
    example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  }),
})

const answered = (description: string) => ({ description })

/** What the receiver's answer makes of a delivery (delivery-policy.ts says it at length). */
const receiverAnswers = {
  '2XX': answered('Accepted: the delivery is done'),
  410: answered('Gone: the delivery is dead-lettered and the subscription disabled at once'),
  429: answered('Slow down: retried after `Retry-After` (honoured up to 24 h) or the schedule'),
  '4XX': answered('Refused: not retried, the delivery is dead-lettered'),
  '5XX': answered('Failed: retried on the schedule, then dead-lettered'),
}

/** What a test event's answer does: it is recorded, never retried. */
const testAnswers = {
  '2XX': answered('Recorded as delivered: the endpoint works'),
  '4XX': answered('Recorded as failed, with the status; never retried'),
  '5XX': answered('Recorded as failed, with the status; never retried'),
}

/**
 * The OpenAPI `webhooks` section: one entry per event type a partner can receive, with the
 * body partners get (domain/webhooks/webhook-body.ts, from the same zod schemas that
 * validate events) and an example of it, the Standard Webhooks headers and what each
 * answer does; then the test event a partner sends itself (`subscription.tested`).
 *
 * @example registerWebhooks(app) // before getOpenAPI31Document
 */
export const registerWebhooks = (app: OpenAPIHono<ApiEnv>) => {
  for (const type of partnerEventTypes) {
    const name = pascalName(type)
    app.openAPIRegistry.registerWebhook({
      method: 'post',
      path: type,
      operationId: `on${name}`,
      summary: type,
      description: `${eventDescription(type)}\n\n${deliveryPolicy}`,
      tags: ['Webhooks'],
      // Nothing to authenticate to: the receiver checks our signature instead.
      security: [],
      request: {
        headers: standardWebhooksHeaders,
        body: {
          required: true,
          content: {
            'application/json': {
              // The domain's body, its event named as the feed's so both refer to one schema.
              schema: webhookBodySchema(type)
                .extend({ data: namedPublicEvents[type] })
                .openapi(`${name}Webhook`),
              example: exampleWebhookBody(type),
            },
          },
        },
      },
      responses: receiverAnswers,
      'x-retry-schedule': retrySchedule,
    })
  }
  app.openAPIRegistry.registerWebhook({
    method: 'post',
    path: testEventType,
    operationId: 'onSubscriptionTested',
    summary: testEventType,
    description: testEventSummary,
    tags: ['Webhooks'],
    security: [],
    request: {
      headers: standardWebhooksHeaders,
      body: {
        required: true,
        content: {
          'application/json': {
            schema: testEventBodySchema.extend({}).openapi('SubscriptionTestedWebhook'),
            example: exampleTestEventBody(),
          },
        },
      },
    },
    responses: testAnswers,
  })
}
