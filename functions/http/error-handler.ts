import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ZodError } from 'zod'
import { RuleViolationError } from '../../domain/shared/errors.js'
import {
  InvalidWithdrawalTokenError,
  OccurredInTheFutureError,
  PreconditionFailedError,
  StaffOnlyError,
} from '../commands/errors.js'
import { InvalidCursorError } from '../shared/cursor.js'
import { isRetryable } from '../shared/dynamo-errors.js'
import type { Logger } from '../shared/logger.js'
import {
  ConcurrencyError,
  EventTooLargeError,
  GuardTakenError,
  IdempotencyKeyReusedError,
  StoreBusyError,
  TransactionTooLargeError,
} from '../store/errors.js'
import { webhookProblems } from '../webhooks/problems.js'
import { SubscriptionLimitError } from '../webhooks/subscriptions/subscription-store.js'
import { UnsafeTargetError } from '../webhooks/url-safety.js'
import { ProblemError, problemResponse, type Problem } from '../shared/http/problem.js'
import { apiProblems } from './problems.js'
import { fieldErrorsOf } from '../shared/http/validation.js'

const ruleStatus = { 'not-found': 404, conflict: 409, invalid: 422 } as const

/** Hono's own refusals (unreadable JSON, a content type no route takes) as problems. */
const fromHttpException = (error: HTTPException): ProblemError => {
  if (error.status === 415) return apiProblems.unsupportedMediaType()
  if (/malformed json/i.test(error.message)) return apiProblems.malformedJson()
  if (/malformed formdata/i.test(error.message)) return apiProblems.malformedForm()
  return apiProblems.httpRefusal(error.status, error.message)
}

/** Every error the API knows, as the problem it answers with. */
const knownProblem = (error: unknown): ProblemError | undefined => {
  if (error instanceof ProblemError) return error
  if (error instanceof RuleViolationError) {
    const { code, message, details } = error
    return new ProblemError({
      status: ruleStatus[error.kind],
      code,
      detail: message,
      extensions: details,
    })
  }
  if (error instanceof InvalidCursorError) return apiProblems.invalidCursor()
  if (error instanceof PreconditionFailedError) return apiProblems.preconditionFailed(error.message, error.currentVersion)
  if (error instanceof StaffOnlyError) return apiProblems.forbidden(error.message)
  if (error instanceof OccurredInTheFutureError) return apiProblems.occurredInTheFuture()
  if (error instanceof InvalidWithdrawalTokenError) return apiProblems.invalidWithdrawalToken()
  if (error instanceof UnsafeTargetError) return webhookProblems.unsafeTarget(error)
  if (error instanceof SubscriptionLimitError)
    return webhookProblems.subscriptionLimitReached(error.limit)
  if (error instanceof ConcurrencyError) {
    const { streamId, expectedVersion, actualVersion } = error
    return apiProblems.concurrentModification(error.message, {
      streamId,
      expectedVersion,
      actualVersion,
    })
  }
  if (error instanceof GuardTakenError) return apiProblems.alreadyExists(error.message)
  if (error instanceof IdempotencyKeyReusedError)
    return apiProblems.idempotencyKeyReused(error.message)
  if (error instanceof TransactionTooLargeError || error instanceof EventTooLargeError)
    return apiProblems.contentTooLarge(error.message)
  if (error instanceof StoreBusyError) return apiProblems.busy(error.message)
  if (error instanceof HTTPException && error.status < 500) return fromHttpException(error)
  return undefined
}

/**
 * The one place where errors become responses (`app.onError`). A transient AWS failure
 * that outlasted the SDK's retries (throttling, a timeout, a 5xx, a lost connection) is a
 * 503 with Retry-After, logged as a warning. Unknown errors are logged with their stack
 * and answered as a bare 500: nothing internal leaks.
 *
 * @example app.onError(errorHandler(logger))
 */
export const errorHandler = (logger: Logger) => (error: unknown, c: Context) => {
  const known = knownProblem(error)
  if (known) return problemResponse(c, known.toProblem(), known.headers)
  if (isRetryable(error)) {
    logger.warn('transient failure', { error })
    const unavailable = apiProblems.unavailable()
    return problemResponse(c, unavailable.toProblem(), unavailable.headers)
  }
  if (error instanceof ZodError) {
    // A ZodError that reaches here came from our own data (an event on read), not the request.
    logger.error('invalid data', { error, issues: fieldErrorsOf(error) })
  } else {
    logger.error('unhandled error', { error })
  }
  const problem: Problem = { type: 'about:blank', title: 'Internal Server Error', status: 500 }
  return problemResponse(c, problem)
}
