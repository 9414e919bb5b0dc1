import type { EventMetadata } from '../../domain/events/index.js'
import { OccurredInTheFutureError, StaffOnlyError } from './errors.js'

/** Who sends a command: a staff member, the public (the registration form), or a job. */
export type Actor =
  | { readonly kind: 'staff'; readonly subject: string; readonly roles: readonly string[] }
  | { readonly kind: 'public' }
  | { readonly kind: 'system'; readonly name: string }

/** A caller's idempotency key, as the record is named and as the caller sent it. */
export interface IdempotencyRequest {
  /** The record's name: a hash of the caller, the route and the key (never the key itself). */
  readonly key: string
  /** The key as sent: never stored; it seals the first answer's secrets for its replay. */
  readonly clientKey: string
  /** What the request came with: the same key with anything else is refused. */
  readonly fingerprint: string
}

/**
 * Everything a command needs to know about the request that carries it, and nothing of
 * HTTP: who, when, which request it belongs to, what the caller pinned, its idempotency key.
 * The HTTP layer builds it from the request (functions/http/command-context.ts); a job
 * builds its own.
 */
export interface CommandContext {
  readonly actor: Actor
  readonly now: Date
  readonly correlationId: string
  readonly causationId?: string
  /** Staff recording history: when the fact happened (kept in the events' metadata). */
  readonly occurredAt?: string | undefined
  /** The version of the command's own stream the caller decided on (If-Match). */
  readonly expectedVersion?: number | undefined
  readonly idempotency?: IdempotencyRequest | undefined
}

const actorName = (actor: Actor) =>
  actor.kind === 'staff' ? `staff:${actor.subject}` : actor.kind === 'system' ? `system:${actor.name}` : 'public'

/** The events' metadata: correlation, causation, who, the idempotency record, history. */
export const metadataOf = ({ actor, correlationId, causationId, idempotency, occurredAt }: CommandContext): EventMetadata => ({
  correlationId,
  ...(causationId ? { causationId } : {}),
  actor: actorName(actor),
  ...(idempotency ? { idempotencyKey: idempotency.key } : {}),
  ...(occurredAt ? { occurredAt, override: 'historical-import' } : {}),
})

/**
 * The effective time of a command: now, or, for staff recording history, the
 * `occurredAt` they give (never in the future).
 *
 * @example const now = effectiveTime(context) // '2019-09-01T10:00:00.000Z'
 */
export const effectiveTime = ({ actor, now, occurredAt }: CommandContext): string => {
  if (occurredAt === undefined) return now.toISOString()
  if (actor.kind !== 'staff' || !actor.roles.includes('admin')) {
    throw new StaffOnlyError('Only staff may record a fact with occurredAt')
  }
  if (Date.parse(occurredAt) > now.getTime()) throw new OccurredInTheFutureError()
  return occurredAt
}

/** True for staff with the `admin` group. */
export const isStaff = ({ actor }: CommandContext): boolean => actor.kind === 'staff' && actor.roles.includes('admin')
