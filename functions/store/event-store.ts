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
  /**
   * The guard may already be held, with exactly this value of one of its fields, and is
   * then taken over (the one-application guard of a squatter's application that staff
   * dismissed, taken by the start-up's own). Anyone else holding it still refuses it.
   */
  readonly takesOver?: { readonly field: string; readonly value: string }
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

/**
 * A stream that was read to decide but is not written: the append holds only if the
 * stream is still at `version` (no event after it), like a read-set check in a
 * serialisable transaction. An application checks its edition this way: the edition
 * cannot close between the read and the write, yet applications never write to it.
 */
export interface UnchangedStream {
  readonly streamId: string
  readonly version: number
}

/**
 * A count kept beside the events that change it (the seats taken in an edition, the
 * steps of an edition's life), written in the same transaction: the append holds only
 * if the count is still `expected` (0 for a counter never written), and sets it to
 * `value`; with `value` equal to `expected` it is only checked, not written, so checks
 * of one counter never conflict with each other. The events stay the truth: the count
 * is what they sum to, written atomically with them.
 */
export interface Counter {
  readonly counterId: string
  readonly expected: number
  readonly value: number
  /** The stream the count summarises: a command refused on the counter reads it again. */
  readonly streamId?: string
}

export interface AppendOptions {
  readonly metadata: EventMetadata
  readonly guards?: readonly Guard[]
  readonly unchanged?: readonly UnchangedStream[]
  readonly counters?: readonly Counter[]
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

/** The newest events of a stream, oldest first. */
export interface StreamTail {
  readonly events: EventEnvelope[]
  /** True when `events` start at version 1: the whole stream was read. */
  readonly complete: boolean
}

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
   * Appends to one or more streams atomically, with their guards, read-set checks,
   * counters and idempotency claim. Throws ConcurrencyError (a stream or counter moved),
   * GuardTakenError, IdempotencyKeyReusedError, StoreBusyError,
   * TransactionTooLargeError or EventTooLargeError, having written nothing.
   *
   * @example
   *   await store.append([{ streamId: 'edition-ces-2020', expectedVersion: 0, events }], { metadata })
   */
  append(appends: readonly StreamAppend[], options: AppendOptions): Promise<AppendOutcome>
  /** A stream's events in version order (consistent read, every page). */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<EventEnvelope[]>
  /** The newest `maxCount` events of a stream, oldest first (one consistent Query). */
  readStreamTail(streamId: string, maxCount: number): Promise<StreamTail>
  /** The stream's current version, 0 if it has no events. */
  streamVersion(streamId: string): Promise<number>
  /** The data stored with a guard, or undefined if nobody holds it. */
  findGuard(guardId: string): Promise<Record<string, unknown> | undefined>
  /** A counter's value, 0 if never written. */
  readCounter(counterId: string): Promise<number>
  /** The record of an idempotency key already committed, if any. */
  findIdempotencyRecord(key: string): Promise<IdempotencyRecord | undefined>
}
