/**
 * The write side's own refusals, beside the domain's rule violations: each is a named
 * error the HTTP layer answers with its problem (functions/http/error-handler.ts).
 */

/** The command's own stream moved past the version the caller pinned (If-Match): 412. */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError'
  constructor(
    readonly currentVersion: number,
    readonly expectedVersion: number,
  ) {
    super(`The resource is at version ${currentVersion}, not ${expectedVersion}`)
  }
}

/** Something only staff may do (recording history with `occurredAt`): 403. */
export class StaffOnlyError extends Error {
  override readonly name = 'StaffOnlyError'
}

/** A fact dated after now: 422. */
export class OccurredInTheFutureError extends Error {
  override readonly name = 'OccurredInTheFutureError'
  constructor() {
    super('occurredAt must not be in the future')
  }
}

/** A withdrawal by the public without the application's token: 403. */
export class InvalidWithdrawalTokenError extends Error {
  override readonly name = 'InvalidWithdrawalTokenError'
  constructor() {
    super('Send the token given when the application was submitted')
  }
}
