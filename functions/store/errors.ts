/**
 * The event store's own errors. The DynamoDB adapter turns SDK errors into these,
 * so nothing above the store ever sees an AWS exception name.
 */

/** The stream is not at the version the caller decided on. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError'
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(
      `Stream ${streamId} is at version ${actualVersion}, not at the expected version ${expectedVersion}`,
    )
  }
}

/** A uniqueness guard (one registration per SIRET, …) is already held. */
export class GuardTakenError extends Error {
  override readonly name = 'GuardTakenError'
  constructor(
    readonly guardId: string,
    readonly holder: Record<string, unknown> | undefined,
  ) {
    super(`Guard ${guardId} is already taken`)
  }
}

/** The idempotency key was first used with another request. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError'
  constructor(readonly key: string) {
    super(`Idempotency key ${key} was already used for a different request`)
  }
}

/** More than one DynamoDB transaction can hold (100 items or 4 MB). Refused before any write. */
export class TransactionTooLargeError extends Error {
  override readonly name = 'TransactionTooLargeError'
  constructor(
    readonly items: number,
    readonly bytes: number,
  ) {
    super(
      `An append of ${items} items (${bytes} bytes) exceeds one DynamoDB transaction ` +
        `(at most 100 items and 4 MB)`,
    )
  }
}

/** One event would not fit in a DynamoDB item (400 KB). */
export class EventTooLargeError extends Error {
  override readonly name = 'EventTooLargeError'
  constructor(
    readonly streamId: string,
    readonly type: string,
    readonly bytes: number,
  ) {
    super(
      `Event ${type} for stream ${streamId} takes ${bytes} bytes, ` +
        `more than a DynamoDB item holds (400 KB)`,
    )
  }
}

/** DynamoDB kept refusing a transaction because others touched the same items. */
export class StoreBusyError extends Error {
  override readonly name = 'StoreBusyError'
  constructor(readonly attempts: number) {
    super(`The event store stayed busy after ${attempts} attempts; try again`)
  }
}

/** An event with personal data, appended by a store given no vault to seal it with. */
export class PersonalDataWithoutVaultError extends Error {
  override readonly name = 'PersonalDataWithoutVaultError'
  constructor(readonly type: string) {
    super(`${type} holds personal data: the event store needs a personal data vault to write it`)
  }
}
