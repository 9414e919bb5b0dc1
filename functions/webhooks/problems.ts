import { ProblemError } from '../shared/http/problem.js'
import type { UnsafeTargetError } from './url-safety.js'
import {
  ReplayLimitedError,
  ReplayTooLargeError,
  UnknownSequenceError,
} from './subscriptions/replay.js'

/**
 * What the webhook routes answer when they refuse, written once. Codes are public
 * (`/problems/<code>`): never rename one.
 *
 * @example throw webhookProblems.subscriptionNotFound(id)
 */
export const webhookProblems = {
  /** Also for a subscription of another partner: its existence is not theirs to know. */
  subscriptionNotFound: (subscriptionId: string) =>
    new ProblemError({
      status: 404,
      code: 'subscription-not-found',
      detail: `No subscription ${subscriptionId}`,
      extensions: { subscriptionId },
    }),

  /** One replay at a time, a few a day (subscriptions/replay.ts): when to ask again. */
  replayLimited: (detail: string, retryAfterSeconds: number) =>
    new ProblemError({
      status: 429,
      code: 'replay-limited',
      detail,
      extensions: { retryAfter: retryAfterSeconds },
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),

  /** A replay (or its preview) starts after a sequence or at a time: one of the two. */
  replayStartRequired: () =>
    new ProblemError({
      status: 400,
      code: 'validation-failed',
      detail: 'Give either afterSequence or since',
      extensions: {
        errors: [{ field: 'afterSequence', message: 'give either afterSequence or since' }],
      },
    }),

  /** More events than one replay covers (subscriptions/replay.ts), counted in sequences. */
  replayTooLarge: (detail: string) =>
    new ProblemError({ status: 422, code: 'replay-too-large', detail }),

  /** A replay after a sequence no event has yet (subscriptions/replay.ts). */
  unknownSequence: (sequence: number) =>
    new ProblemError({
      status: 422,
      code: 'unknown-sequence',
      detail: `No event has sequence ${sequence} yet: give the \`sequence\` of an event you received`,
      extensions: { errors: [{ field: 'afterSequence', message: 'no event has this sequence yet' }] },
    }),

  subscriptionLimitReached: (limit: number) =>
    new ProblemError({
      status: 409,
      code: 'subscription-limit-reached',
      detail: `A partner may hold ${limit} subscriptions: delete one first`,
      extensions: { limit },
    }),

  /**
   * `reason` completes "The URL …" (url-safety.ts's UnsafeTargetError); the offending
   * field carries the refusal's stable code, so a client can word it for its reader.
   */
  unsafeTarget: ({ code, reason, allowed }: Pick<UnsafeTargetError, 'code' | 'reason' | 'allowed'>) =>
    new ProblemError({
      status: 422,
      code: 'unsafe-target',
      detail: `The URL ${reason}`,
      extensions: {
        errors: [
          {
            field: 'url',
            message: `The URL ${reason}`,
            code,
            ...(allowed.length > 0 ? { allowed: [...allowed] } : {}),
          },
        ],
      },
    }),
}

/**
 * A replay's or a preview's refusal as the problem it is answered with; anything else
 * is thrown on unchanged.
 *
 * @example await replaySubscription(…).catch(throwReplayProblem)
 */
export const throwReplayProblem = (error: unknown): never => {
  if (error instanceof ReplayLimitedError) {
    throw webhookProblems.replayLimited(error.message, error.retryAfterSeconds)
  }
  if (error instanceof ReplayTooLargeError) throw webhookProblems.replayTooLarge(error.message)
  if (error instanceof UnknownSequenceError) throw webhookProblems.unknownSequence(error.sequence)
  throw error
}
