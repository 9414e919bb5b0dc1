import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ZodError } from 'zod'
import { ProblemError } from '../shared/http/problem.js'
import { fieldErrorsOf } from '../shared/http/validation.js'

/**
 * The API's own problems, written once: HTTP and its edges (media types, bodies,
 * authentication, cursors, concurrency). The domain's refusals come from its catalogues
 * (domain/edition/errors.ts…), partner access and webhooks have theirs; `app.onError`
 * renders them all. Codes are public (`/problems/<code>`): never rename one.
 *
 * @example throw apiProblems.invalidCursor()
 */
export const apiProblems = {
  routeNotFound: (method: string, path: string) =>
    new ProblemError({ status: 404, code: 'not-found', detail: `No route for ${method} ${path}` }),

  unsupportedMediaType: () =>
    new ProblemError({
      status: 415,
      code: 'unsupported-media-type',
      detail: 'Send application/json, or a form as application/x-www-form-urlencoded',
    }),

  malformedJson: () =>
    new ProblemError({
      status: 400,
      code: 'malformed-json',
      title: 'Malformed JSON',
      detail: 'The body is not valid JSON',
    }),

  malformedForm: () =>
    new ProblemError({
      status: 400,
      code: 'malformed-form',
      detail: 'The body is not a valid form',
    }),

  /** Any other refusal of Hono's below 500, under its own status. */
  httpRefusal: (status: ContentfulStatusCode, message: string) =>
    new ProblemError({ status, code: `http-${status}`, title: message || 'Bad request' }),

  /** `closeConnection` when the rest of the body is never read (the body limit). */
  contentTooLarge: (detail: string, { closeConnection = false } = {}) =>
    new ProblemError({
      status: 413,
      code: 'content-too-large',
      detail,
      ...(closeConnection ? { headers: { Connection: 'close' } } : {}),
    }),

  /** A request that failed its schema, with each offending field. `where`: body, query… */
  validationFailed: (error: ZodError, where = 'body') =>
    new ProblemError({
      status: 400,
      code: 'validation-failed',
      detail: `The request ${where} is not valid`,
      extensions: { errors: fieldErrorsOf(error) },
    }),

  invalidCursor: () =>
    new ProblemError({
      status: 400,
      code: 'invalid-cursor',
      detail: 'Pass back the `next` of a previous page unchanged',
    }),

  /** No credentials, or bad ones; `challenge` is the WWW-Authenticate that says what to send. */
  unauthenticated: (detail: string, challenge: string) =>
    new ProblemError({
      status: 401,
      code: 'unauthenticated',
      detail,
      headers: { 'WWW-Authenticate': challenge },
    }),

  forbidden: (detail: string) => new ProblemError({ status: 403, code: 'forbidden', detail }),

  concurrentModification: (
    detail: string,
    versions: { streamId: string; expectedVersion: number; actualVersion: number },
  ) =>
    new ProblemError({
      status: 409,
      code: 'concurrent-modification',
      detail,
      extensions: versions,
    }),

  /** A uniqueness guard already held (one registration per SIRET…). */
  alreadyExists: (detail: string) =>
    new ProblemError({ status: 409, code: 'already-exists', detail }),

  invalidIfMatch: () =>
    new ProblemError({
      status: 400,
      code: 'invalid-if-match',
      title: 'Invalid If-Match',
      detail: 'If-Match must be an ETag such as "3"',
    }),

  /** If-Match named another version than the current one. */
  preconditionFailed: (detail: string, currentVersion?: number) =>
    new ProblemError({
      status: 412,
      code: 'precondition-failed',
      detail,
      ...(currentVersion === undefined ? {} : { extensions: { currentVersion } }),
    }),

  invalidIdempotencyKey: () =>
    new ProblemError({
      status: 400,
      code: 'invalid-idempotency-key',
      detail: 'Use 1 to 255 printable ASCII characters',
    }),

  idempotencyKeyReused: (detail: string) =>
    new ProblemError({ status: 422, code: 'idempotency-key-reused', detail }),

  occurredInTheFuture: () =>
    new ProblemError({
      status: 422,
      code: 'occurred-in-the-future',
      detail: 'occurredAt must not be in the future',
    }),

  invalidWithdrawalToken: () =>
    new ProblemError({
      status: 403,
      code: 'invalid-withdrawal-token',
      detail: 'Send the token given when the application was submitted',
    }),

  /** The caller's limit per minute is spent: try again in `retryAfter` seconds. */
  tooManyRequests: (retryAfter: number) =>
    new ProblemError({
      status: 429,
      code: 'too-many-requests',
      detail: `Too many requests from this client: try again in ${retryAfter} s`,
      headers: { 'Retry-After': String(retryAfter) },
    }),

  /** The event store stayed busy: worth a retry in a second. */
  busy: (detail: string) =>
    new ProblemError({ status: 503, code: 'busy', detail, headers: { 'Retry-After': '1' } }),

  /**
   * DynamoDB (or another AWS service) stayed unavailable past the SDK's retries: a write
   * may have landed all the same, so a retry with the same `Idempotency-Key` answers as
   * the first success would have.
   */
  unavailable: () =>
    new ProblemError({
      status: 503,
      code: 'temporarily-unavailable',
      detail:
        'The data store did not answer in time: try again after Retry-After, with the same ' +
        'Idempotency-Key for a command',
      headers: { 'Retry-After': '1' },
    }),
}
