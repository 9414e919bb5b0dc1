import { publicEventSchema } from '../../domain/partner-access/partner-view.js'
import {
  testEventBodySchema,
  testEventSummary,
  testEventType,
} from '../../domain/webhooks/test-event.js'
import { webhookBodySchema } from '../../domain/webhooks/webhook-body.js'
import { deliveryPolicy, retrySchedule } from './delivery-policy.js'
import { contractInfo } from './document-info.js'
import {
  camelName,
  eventDescription,
  partnerEventTypes,
  withheldTypesNote,
} from './event-catalogue.js'
import { jsonSchemaOf } from './json-schema.js'

/** The Standard Webhooks headers as a message headers schema. */
const webhookHeaders = {
  type: 'object',
  required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  properties: {
    'webhook-id': {
      type: 'string',
      description: 'The same on every attempt of one event to one subscription: deduplicate on it',
    },
    'webhook-timestamp': {
      type: 'string',
      description: 'Seconds since the epoch when this attempt was signed',
    },
    'webhook-signature': {
      type: 'string',
      description: 'Space-separated `v1,<base64 HMAC-SHA256>` of `<id>.<timestamp>.<body>`',
    },
  },
}

const ref = (path: string) => ({ $ref: `#/${path}` })

/**
 * The AsyncAPI 3.0 document (`GET /asyncapi.json`): the two ways partners receive events,
 * the webhook channel (we POST to the subscription's URL) and the feed (`GET /feed`,
 * pages of events from a cursor), with one message per event type on each, generated from
 * the same zod schemas that validate events and build the bodies.
 *
 * @example asyncApiDocument(new URL('https://api.example.org'))
 */
export const asyncApiDocument = (origin: URL) => {
  const messages: Record<string, unknown> = {}
  const webhookMessages: Record<string, unknown> = {}
  const feedMessages: Record<string, unknown> = {}
  for (const type of partnerEventTypes) {
    const name = camelName(type)
    const common = {
      title: type,
      description: eventDescription(type),
      contentType: 'application/json',
    }
    messages[`${name}Webhook`] = {
      ...common,
      name: `${name}Webhook`,
      summary: `${type}, posted to a subscription`,
      headers: webhookHeaders,
      correlationId: { location: '$message.header#/webhook-id', description: 'Deduplicate on it' },
      payload: jsonSchemaOf(webhookBodySchema(type), 'draft-7', 'input'),
    }
    messages[`${name}FeedEvent`] = {
      ...common,
      name: `${name}FeedEvent`,
      summary: `${type}, in a page of GET /feed`,
      payload: jsonSchemaOf(publicEventSchema(type), 'draft-7', 'input'),
    }
    webhookMessages[name] = ref(`components/messages/${name}Webhook`)
    feedMessages[name] = ref(`components/messages/${name}FeedEvent`)
  }
  // The test event a partner sends itself: on the webhook channel only, never in the feed.
  messages.subscriptionTestedWebhook = {
    name: 'subscriptionTestedWebhook',
    title: testEventType,
    summary: `${testEventType}, posted to a subscription when its partner asks`,
    description: testEventSummary,
    contentType: 'application/json',
    headers: webhookHeaders,
    correlationId: { location: '$message.header#/webhook-id', description: 'Deduplicate on it' },
    payload: jsonSchemaOf(testEventBodySchema, 'draft-7', 'input'),
  }
  webhookMessages.subscriptionTested = ref('components/messages/subscriptionTestedWebhook')
  const operationMessages = (channel: string, names: Record<string, unknown>) =>
    Object.keys(names).map((name) => ref(`channels/${channel}/messages/${name}`))

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Délégation Sud events',
      version: contractInfo.version,
      description:
        'Every fact of the programme is an event; partners receive them as signed webhooks ' +
        'and through the feed. The HTTP API is described in OpenAPI at `/openapi.json`. ' +
        withheldTypesNote(),
    },
    defaultContentType: 'application/json',
    servers: {
      api: {
        host: origin.host,
        protocol: origin.protocol.replace(':', ''),
        description: 'This deployment: the feed is `GET /feed` here, with an API key',
      },
      subscriber: {
        host: '{subscriptionHost}',
        protocol: 'https',
        description: 'Your endpoint: the URL of a webhook subscription (`POST /subscriptions`)',
        variables: { subscriptionHost: { description: 'The host of your subscription’s URL' } },
      },
    },
    channels: {
      webhooks: {
        // No address: each subscription's URL is its own.
        title: 'Webhooks',
        description: 'The URL of a subscription: each matching event is POSTed to it.',
        servers: [ref('servers/subscriber')],
        messages: webhookMessages,
      },
      feed: {
        address: '/feed',
        title: 'Feed',
        description:
          'Every event partners receive, in order of `sequence` (1, 2, 3 … without gaps): ' +
          '`GET /feed?after=<next>&types=…&editionId=…&limit=…` with `X-Api-Key`; each page is ' +
          '`{ events, next }`, each event one of these messages.',
        servers: [ref('servers/api')],
        messages: feedMessages,
      },
    },
    operations: {
      sendWebhooks: {
        action: 'send',
        channel: ref('channels/webhooks'),
        title: 'Post events to subscriptions',
        description: deliveryPolicy,
        bindings: { http: { method: 'POST' } },
        security: [ref('components/securitySchemes/signature')],
        messages: operationMessages('webhooks', webhookMessages),
        'x-retry-schedule': retrySchedule,
      },
      serveFeed: {
        action: 'send',
        channel: ref('channels/feed'),
        title: 'Serve the feed',
        description:
          'Partners pull the feed: resume from the last `next` to get every matching event ' +
          'exactly once, in order.',
        bindings: { http: { method: 'GET' } },
        security: [ref('components/securitySchemes/apiKey')],
        messages: operationMessages('feed', feedMessages),
      },
    },
    components: {
      messages,
      securitySchemes: {
        apiKey: {
          type: 'httpApiKey',
          name: 'X-Api-Key',
          in: 'header',
          description: 'A partner API key with `feed:read`, issued by staff',
        },
        // What a receiver checks: no credential of its own, our signature with its secret.
        signature: {
          type: 'httpApiKey',
          name: 'webhook-signature',
          in: 'header',
          description:
            'Standard Webhooks: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` with the ' +
            'subscription’s `whsec_` secret; verify it (e.g. with the `standardwebhooks` package)',
        },
      },
    },
  }
}
