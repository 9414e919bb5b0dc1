import { z } from 'zod'
import { eventFilterSchema } from '../../../domain/partner-access/filter.js'
import { subscriptionHealthSchema } from '../../../domain/webhooks/health.js'

const signingSecretSchema = z.object({
  /** `whsec_<base64>`, as Standard Webhooks' libraries take it. */
  secret: z.string(),
  createdAt: z.string(),
  /** Set on the previous secret by a rotation: it signs too until then. */
  notAfter: z.string().optional(),
})

/**
 * `disabled`: it kept failing (or a replay is under way), until a redrive or a replay;
 * `paused`: its partner holds no live API key, until one is issued (the deliverer resumes
 * it). Deliveries are recorded for both and sent once it is active again.
 */
const subscriptionStatuses = ['active', 'paused', 'disabled', 'deleted'] as const

/** Why a subscription is paused, in the partner's and staff's words. */
export const noLiveKeyReason =
  'its partner holds no live API key (every key revoked or expired): nothing is sent until a key is issued again'

export const subscriptionSchema = z.object({
  id: z.string(),
  partnerId: z.string(),
  url: z.string(),
  filter: eventFilterSchema,
  status: z.enum(subscriptionStatuses),
  disabledReason: z.string().optional(),
  disabledAt: z.string().optional(),
  pausedReason: z.string().optional(),
  pausedAt: z.string().optional(),
  deletedAt: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** The Feed head when it was created: it gets the events after that position. */
  startsAfter: z.number().int().min(0),
  /** Newest first; none once deleted (the secrets go with the subscription). */
  secrets: z.array(signingSecretSchema).default([]),
  health: subscriptionHealthSchema,
  /** Every delivery below this position is settled: the deliverer starts looking here. */
  settledBelow: z.number().int().min(0),
  /** Bumped by each redrive, so a deliverer run that started before it cannot skip its work. */
  redrives: z.number().int().min(0).default(0),
  lastDeliveredAt: z.string().optional(),
  // Its replays (domain/webhooks/replay-quota.ts): how many started, today's, a running one's lease.
  replaysStarted: z.number().int().min(0).optional(),
  replayDay: z.string().optional(),
  replaysToday: z.number().int().min(0).optional(),
  replayLeaseUntil: z.string().optional(),
})
/** A partner's webhook subscription, as stored. */
export type Subscription = z.infer<typeof subscriptionSchema>

/**
 * The secrets that sign at `now`: the current one, and the previous ones still inside
 * their rotation overlap.
 *
 * @example signingSecrets(subscription, new Date()).length // 2 during an overlap
 */
export const signingSecrets = (subscription: Pick<Subscription, 'secrets'>, now: Date): string[] =>
  subscription.secrets
    .filter((s) => s.notAfter === undefined || Date.parse(s.notAfter) > now.getTime())
    .map((s) => s.secret)
