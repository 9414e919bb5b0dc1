import { z } from 'zod'
import { formLanguage } from '../events/index.js'
import { sendRetryDelay } from './retry-schedule.js'

/**
 * Where one message to one person stands in the outbox:
 * - `pending`: queued or failing, tried again at `dueAt`;
 * - `sent`: the mail service took it (`sentAt`, its `messageId`);
 * - `not-sent`: never sent and never will be, for a reason that is no failure
 *   (`erased`: the person's contact was erased; `suppressed`: their address bounced or
 *   complained before; `no-recipient`: nobody to write to, a start-up with no registered
 *   contact);
 * - `given-up`: every try failed (`retries-spent`), or the service refused it for good
 *   (`refused`), or refused the address itself (`hard-bounce`, which also suppresses it).
 */
export const outboxStatuses = ['pending', 'sent', 'not-sent', 'given-up'] as const
export type OutboxStatus = (typeof outboxStatuses)[number]

export const notSentReasons = ['erased', 'suppressed', 'no-recipient'] as const
export type NotSentReason = (typeof notSentReasons)[number]

export const givenUpReasons = ['retries-spent', 'refused', 'hard-bounce'] as const
export type GivenUpReason = (typeof givenUpReasons)[number]

/** What the receiving side reported after a message was sent (SES's bounce and complaint events). */
export const returnKinds = ['hard-bounce', 'complaint'] as const
export type ReturnKind = (typeof returnKinds)[number]

export const outboxStateSchema = z.object({
  status: z.enum(outboxStatuses),
  /** Attempts claimed so far, the one under way included. */
  attempts: z.number().int().min(0),
  /** When a pending message is next tried; while an attempt is under way, when its lease ends. */
  dueAt: z.string().optional(),
  /** An attempt is under way: claimed, not yet settled. */
  inFlight: z.boolean().optional(),
  /**
   * Attempts whose process stopped between the claim and the settlement: each may have
   * handed the message over before it stopped, so the next attempt may be a duplicate.
   */
  interrupted: z.number().int().min(1).optional(),
  lastAttemptAt: z.string().optional(),
  /** Why the last attempt failed, in words that name no address. */
  lastError: z.string().max(500).optional(),
  sentAt: z.string().optional(),
  messageId: z.string().max(500).optional(),
  /** The language it was written in, once sent. */
  language: formLanguage.optional(),
  notSent: z.enum(notSentReasons).optional(),
  gaveUp: z.enum(givenUpReasons).optional(),
  settledAt: z.string().optional(),
  returned: z.object({ kind: z.enum(returnKinds), at: z.string() }).optional(),
})
export type OutboxState = z.infer<typeof outboxStateSchema>

/**
 * What one hand-over to the mail service came to:
 * - `accepted`: it took the message (it may still bounce later: see `returned`);
 * - `retryable`: it could not take it now (down, throttling, a 4xx SMTP answer);
 * - `address-refused`: it refused the address for good (a 5xx SMTP answer to the
 *   recipient): a hard bounce at once;
 * - `refused`: it refused the message for good, not the address (a 5xx to the message,
 *   SES's MessageRejected).
 */
export type SendOutcome =
  | { readonly kind: 'accepted'; readonly messageId: string }
  | { readonly kind: 'retryable'; readonly error: string }
  | { readonly kind: 'address-refused'; readonly error: string }
  | { readonly kind: 'refused'; readonly error: string }

const plusMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString()

/** A message just queued: due at once. */
export const queuedMessage = (now: string): OutboxState => ({
  status: 'pending',
  attempts: 0,
  dueAt: now,
})

/** Whether a message should be tried at `now`: pending and due (a lapsed lease included). */
export const isDue = (state: OutboxState, now: string): boolean =>
  state.status === 'pending' && Date.parse(state.dueAt ?? now) <= Date.parse(now)

/**
 * The message taken for one attempt: counted now, due again when the lease ends (if this
 * process stops before it settles, another takes it then). Taking one whose earlier
 * attempt never settled counts that attempt as interrupted.
 *
 * @example claimAttempt(queuedMessage(now), now, 60_000) // { attempts: 1, inFlight: true, dueAt: now + 1 min, … }
 */
export const claimAttempt = (state: OutboxState, now: string, leaseMs: number): OutboxState => ({
  ...state,
  attempts: state.attempts + 1,
  dueAt: plusMs(now, leaseMs),
  inFlight: true,
  lastAttemptAt: now,
  ...(state.inFlight ? { interrupted: (state.interrupted ?? 0) + 1 } : {}),
})

const settled = ({ dueAt: _d, inFlight: _f, ...rest }: OutboxState, now: string) => ({
  ...rest,
  settledAt: now,
})

/**
 * The claimed message after its hand-over. `random` in [0, 1) spreads the next try.
 *
 * @example afterSend(claimed, { kind: 'accepted', messageId }, { now, random: 0.5, language: 'fr' }).status // 'sent'
 */
export const afterSend = (
  claimed: OutboxState,
  outcome: SendOutcome,
  {
    now,
    random,
    language,
  }: { now: string; random: number; language?: z.infer<typeof formLanguage> | undefined },
): OutboxState => {
  if (outcome.kind === 'accepted') {
    const { lastError: _e, ...rest } = settled(claimed, now)
    const written = language === undefined ? {} : { language }
    return { ...rest, status: 'sent', sentAt: now, messageId: outcome.messageId, ...written }
  }
  const lastError = outcome.error.slice(0, 500)
  if (outcome.kind === 'retryable') {
    const delay = sendRetryDelay(claimed.attempts, random)
    if (delay !== undefined) {
      const { inFlight: _f, ...rest } = claimed
      return { ...rest, lastError, dueAt: plusMs(now, delay) }
    }
  }
  const gaveUp: GivenUpReason =
    outcome.kind === 'retryable'
      ? 'retries-spent'
      : outcome.kind === 'address-refused'
        ? 'hard-bounce'
        : 'refused'
  return { ...settled(claimed, now), status: 'given-up', gaveUp, lastError }
}

/**
 * The claimed message set aside without sending: nobody to send it to, or their address
 * must not be written to.
 *
 * @example notSent(claimed, 'erased', now).status // 'not-sent'
 */
export const notSent = (claimed: OutboxState, reason: NotSentReason, now: string): OutboxState => ({
  ...settled(claimed, now),
  status: 'not-sent',
  notSent: reason,
})

/**
 * A sent message may have arrived twice: an earlier attempt was interrupted after it may
 * have handed the message over (the mail service has no idempotency token to tell).
 */
export const mayHaveArrivedTwice = (state: OutboxState): boolean =>
  state.status === 'sent' && (state.interrupted ?? 0) > 0
