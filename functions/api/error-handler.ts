import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ZodError } from 'zod'
import { RuleViolationError } from '../../domain/shared/errors.js'
import {
  ConcurrencyError,
  EventTooLargeError,
  GuardTakenError,
  IdempotencyKeyReusedError,
  StoreBusyError,
  TransactionTooLargeError,
} from '../store/errors.js'
import { ProblemError, problemResponse, type Problem } from './problem.js'
import { fieldErrorsOf } from './validation.js'

export interface ErrorLogger {
  error(message: string, ...extra: unknown[]): void
}

const ruleStatus = { 'not-found': 404, conflict: 409, invalid: 422 } as const

/** Every error the API knows, as the problem it answers with. */
const knownProblem = (error: unknown): ProblemError | undefined => {
  if (error instanceof ProblemError) return error
  if (error instanceof RuleViolationError) {
    return new ProblemError(ruleStatus[error.kind], error.code, titleOf(error.code), error.message, error.details)
  }
  if (error instanceof ConcurrencyError) {
    const { streamId, expectedVersion, actualVersion } = error
    return new ProblemError(409, 'concurrent-modification', 'Concurrent modification', error.message, {
      streamId,
      expectedVersion,
      actualVersion,
    })
  }
  if (error instanceof GuardTakenError) {
    return new ProblemError(409, 'already-exists', 'Already exists', error.message)
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new ProblemError(422, 'idempotency-key-reused', 'Idempotency key reused', error.message)
  }
  if (error instanceof TransactionTooLargeError || error instanceof EventTooLargeError) {
    return new ProblemError(413, 'content-too-large', 'Content too large', error.message)
  }
  if (error instanceof StoreBusyError) {
    return new ProblemError(503, 'busy', 'Busy', error.message, {}, { 'Retry-After': '1' })
  }
  if (error instanceof HTTPException && error.status < 500) return fromHttpException(error)
  return undefined
}

/** Hono's own refusals (unreadable JSON, a content type no route takes) as problems. */
const fromHttpException = (error: HTTPException) => {
  if (error.status === 415) {
    return new ProblemError(415, 'unsupported-media-type', 'Unsupported media type', 'Send application/json, or a form as application/x-www-form-urlencoded')
  }
  if (/malformed json/i.test(error.message)) {
    return new ProblemError(400, 'malformed-json', 'Malformed JSON', 'The body is not valid JSON')
  }
  if (/malformed formdata/i.test(error.message)) {
    return new ProblemError(400, 'malformed-form', 'Malformed form', 'The body is not a valid form')
  }
  return new ProblemError(error.status as 400, `http-${error.status}`, error.message || 'Bad request')
}

/** `edition-full` → `Edition full`: the title names the problem type in English. */
const titleOf = (code: string) => code.charAt(0).toUpperCase() + code.slice(1).replaceAll('-', ' ')

/**
 * The one place where errors become responses (`app.onError`). Unknown errors are
 * logged with their stack and answered as a bare 500: nothing internal leaks.
 *
 * @example app.onError(errorHandler(logger))
 */
export const errorHandler = (logger: ErrorLogger) => (error: unknown, c: Context) => {
  const known = knownProblem(error)
  if (known) return problemResponse(c, known.toProblem(), known.headers)
  if (error instanceof ZodError) {
    // A ZodError that reaches here came from our own data (an event on read), not the request.
    logger.error('invalid data', { error, issues: fieldErrorsOf(error) })
  } else {
    logger.error('unhandled error', { error })
  }
  const problem: Problem = { type: 'about:blank', title: 'Internal Server Error', status: 500 }
  return problemResponse(c, problem)
}
