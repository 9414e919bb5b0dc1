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

const subscriptionStatuses = ['active', 'disabled', 'deleted'] as const

export const subscriptionSchema = z.object({
  id: z.string(),
  partnerId: z.string(),
  url: z.string(),
  filter: eventFilterSchema,
  status: z.enum(subscriptionStatuses),
  disabledReason: z.string().optional(),
  disabledAt: z.string().optional(),
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
