import type { DomainEvent, EventEnvelope, EventMetadata } from '../../domain/events/index.js'

/**
 * The event store port. One adapter implements it over DynamoDB
 * (dynamo-event-store.ts); handlers and tests depend on this shape only.
 */

/** Append `events` to `streamId`, which must be at `expectedVersion` (0 = new stream). */
export interface StreamAppend {
  readonly streamId: string
  readonly expectedVersion: number
  readonly events: readonly DomainEvent[]
}

/**
 * An item that must not exist yet, written in the same transaction as the events:
 * it makes a rule hold for good (one registration per SIRET) or records a lookup
 * (application id → edition). `data` is stored with it and returned to whoever
 * finds the guard taken.
 */
export interface Guard {
  readonly guardId: string
  readonly data?: Record<string, unknown>
}

/**
 * An idempotency claim: the first append with `key` stores `result`; a later one
 * with the same `fingerprint` gets that result back and writes nothing.
 */
export interface IdempotencyClaim {
  readonly key: string
  readonly fingerprint: string
  readonly result: unknown
}

export interface AppendOptions {
  readonly metadata: EventMetadata
  readonly guards?: readonly Guard[]
  readonly idempotency?: IdempotencyClaim
}

export type AppendOutcome =
  | {
      readonly status: 'appended'
      readonly events: readonly EventEnvelope[]
      /** Each stream's version after the append. */
      readonly versions: Readonly<Record<string, number>>
    }
  | { readonly status: 'replayed'; readonly result: unknown }

export interface ReadStreamOptions {
  /** First version to return (default 1). */
  readonly fromVersion?: number
  /** At most this many events (default: all). */
  readonly maxCount?: number
}

export interface IdempotencyRecord {
  readonly key: string
  readonly fingerprint: string
  readonly result: unknown
  readonly recordedAt: string
}

export interface EventStore {
  /**
   * Appends to one or more streams atomically, with their guards and idempotency claim.
   * Throws ConcurrencyError, GuardTakenError, IdempotencyKeyReusedError,
   * TransactionTooLargeError or EventTooLargeError, having written nothing.
   *
   * @example
   *   await store.append([{ streamId: 'edition-ces-2020', expectedVersion: 0, events }], { metadata })
   */
  append(appends: readonly StreamAppend[], options: AppendOptions): Promise<AppendOutcome>
  /** A stream's events in version order (consistent read, every page). */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<EventEnvelope[]>
  /** The stream's current version, 0 if it has no events. */
  streamVersion(streamId: string): Promise<number>
  /** The data stored with a guard, or undefined if nobody holds it. */
  findGuard(guardId: string): Promise<Record<string, unknown> | undefined>
  /** The record of an idempotency key already committed, if any. */
  findIdempotencyRecord(key: string): Promise<IdempotencyRecord | undefined>
}
