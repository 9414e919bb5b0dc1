import { z } from '@hono/zod-openapi'
import { isoDateTime, slug } from '../../domain/events/index.js'
import {
  partnerEventTypes,
  type PartnerEventType,
} from '../../domain/partner-access/partner-view.js'
import { attemptSchema } from '../../domain/webhooks/attempts.js'
import { deliveryStateSchema, shownFailure } from '../../domain/webhooks/delivery.js'
import { documented } from '../shared/http/documented.js'
import type { Delivery } from './delivery/delivery-item.js'
import { isPaused } from './subscriptions/pause.js'
import type { Subscription } from './subscriptions/subscription-item.js'

/**
 * The subscription routes' request and response schemas (OpenAPI documentation comes
 * from them), and the views that turn stored items into those responses.
 */

export const subscriptionBody = z
  .object({
    url: z
      .string()
      .max(2_000)
      .openapi({ example: 'https://hooks.nicecotedazur.example/delegation-sud' }),
    types: z
      // Only the types partners receive: asking for another is a 400, not a silent nothing.
      .array(z.enum(partnerEventTypes as [PartnerEventType, ...PartnerEventType[]]))
      .max(partnerEventTypes.length)
      .optional()
      .openapi({ example: ['award.won'] }),
    editionId: documented(slug, {
      example: 'ces-2020',
      description: 'Only events of this edition (none of the programme-wide ones)',
    }).optional(),
  })
  .strict()
  .openapi('NewSubscription')

export const rotationBody = z
  .object({
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .optional()
      .openapi({ description: 'How long the previous secret keeps signing too (default one day)' }),
  })
  .strict()

export const replayBody = z
  .object({
    afterSequence: z.number().int().min(0).optional().openapi({
      description:
        'Replay the events after this sequence: the `sequence` of the last event you processed',
      example: 120,
    }),
    since: documented(isoDateTime, {
      description: 'Or replay the events recorded since this time',
      example: '2020-01-07T08:00:00Z',
    }).optional(),
    toSequence: z
      .number()
      .int()
      .min(0)
      .optional()
      .openapi({
        description:
          'Replay no further than this sequence: the `toSequence` of a preview ' +
          '(`GET /subscriptions/{id}/replay-preview`), so the replay sends what the preview counted',
        example: 150,
      }),
  })
  .strict()
  .refine((body) => (body.afterSequence === undefined) !== (body.since === undefined), {
    message: 'give either afterSequence or since',
    path: ['afterSequence'],
  })
  .openapi('Replay')

export const replayOutcome = z
  .object({
    replayId: z.string().openapi({ description: 'In the `replay` member of every replayed body' }),
    afterSequence: z.number().int(),
    toSequence: z
      .number()
      .int()
      .openapi({ description: 'The last sequence replayed; later events are delivered as usual' }),
    replayed: z.number().int().openapi({ description: 'Deliveries re-created' }),
  })
  .openapi('ReplayOutcome')

export const replayPreviewQuery = z.object({
  afterSequence: z.coerce.number().int().min(0).optional().openapi({
    description: 'Preview a replay of the events after this sequence',
    example: 120,
  }),
  since: documented(isoDateTime, {
    description: 'Or of the events recorded since this time',
    example: '2020-01-07T08:00:00Z',
  }).optional(),
})

const previewedEvent = z.object({
  sequence: z.number().int(),
  type: z.string(),
  recordedAt: z.string(),
})

export const replayPreview = z
  .object({
    afterSequence: z.number().int(),
    toSequence: z.number().int().openapi({
      description: 'Send it back as `toSequence` with the replay to replay exactly this range',
    }),
    replayable: z.number().int().openapi({ description: 'Deliveries the replay would re-create' }),
    byType: z.record(z.string(), z.number().int()),
    first: z.array(previewedEvent).openapi({ description: 'The first of them (5 at most)' }),
    last: z
      .array(previewedEvent)
      .openapi({ description: 'The last of them (5 at most, after the first)' }),
  })
  .openapi('ReplayPreview')

export const testEventView = z
  .object({
    testId: z.string(),
    webhookId: z
      .string()
      .openapi({ description: 'The `webhook-id` the test event was posted with' }),
    sentAt: z.string(),
    delivered: z.boolean().openapi({ description: 'The endpoint answered 2xx' }),
    statusCode: z.number().int().optional(),
    error: z.string().optional(),
    latencyMs: z.number().int(),
  })
  .openapi('TestEvent')

export const subscriptionView = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    url: z.string(),
    types: z.array(z.string()),
    editionId: z.string().optional(),
    status: z.enum(['active', 'paused', 'disabled']).openapi({
      description:
        '`paused`: the partner holds no live API key; it resumes, its waiting deliveries first, once a key is issued again. ' +
        '`disabled`: it kept failing; a redrive or a replay enables it again',
    }),
    paused: z.boolean().openapi({
      description: 'Stopped by its partner (`/pause`, status `disabled`) until resumed: not the `paused` status, which is the system’s',
    }),
    disabledReason: z.string().optional(),
    disabledAt: z.string().optional(),
    pausedReason: z.string().optional(),
    pausedAt: z.string().optional(),
    consecutiveDeadLetters: z.number().int(),
    failingSince: z.string().optional(),
    lastDeliveredAt: z.string().optional(),
    createdAt: z.string(),
    signingSecrets: z
      .number()
      .int()
      .openapi({ description: 'Secrets signing now (2 during a rotation overlap)' }),
  })
  .openapi('Subscription')

// The delivery's state as the domain defines it, plus which event it carries.
// (extend() makes a fresh schema, so .openapi() exists on it: see schemas/documented.ts.)
export const deliveryView = deliveryStateSchema
  .extend({
    sequence: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'The event’s `sequence`, as its body carries it' }),
    eventId: z.string(),
    type: z.string(),
    streamId: z.string(),
    webhookId: z.string(),
    replayId: z.string().optional().openapi({ description: 'Set when a replay re-created it' }),
    createdAt: z.string(),
    history: z
      .array(attemptSchema)
      .optional()
      .openapi({ description: 'Its latest attempts, oldest first, each with its latency' }),
  })
  .openapi('Delivery')

const defined = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T

/** A subscription as the API shows it: never its secrets. */
export const toSubscriptionView = (s: Subscription, now: Date): z.infer<typeof subscriptionView> =>
  defined({
    id: s.id,
    partnerId: s.partnerId,
    url: s.url,
    types: s.filter.types ?? [],
    editionId: s.filter.editionId,
    status: s.status === 'disabled' || s.status === 'paused' ? s.status : 'active',
    paused: isPaused(s),
    disabledReason: s.disabledReason,
    disabledAt: s.disabledAt,
    pausedReason: s.pausedReason,
    pausedAt: s.pausedAt,
    consecutiveDeadLetters: s.health.consecutiveDeadLetters,
    failingSince: s.health.failingSince,
    lastDeliveredAt: s.lastDeliveredAt,
    createdAt: s.createdAt,
    signingSecrets: s.secrets.filter((x) => !x.notAfter || Date.parse(x.notAfter) > now.getTime())
      .length,
  })

/**
 * A delivery as the log shows it: state and the last failure's code and our message (an
 * older delivery's raw error text too is shown as the code it amounts to), never the body.
 */
export const toDeliveryView = (d: Delivery): z.infer<typeof deliveryView> => {
  const failure = shownFailure(d)
  return defined({
    sequence: d.sequence,
    eventId: d.eventId,
    type: d.type,
    streamId: d.streamId,
    webhookId: d.webhookId,
    replayId: d.replayId,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt,
    lastAttemptAt: d.lastAttemptAt,
    lastStatusCode: d.lastStatusCode,
    lastErrorCode: failure?.code,
    lastError: failure?.message,
    deliveredAt: d.deliveredAt,
    deadAt: d.deadAt,
    createdAt: d.createdAt,
    history: d.history,
  })
}
