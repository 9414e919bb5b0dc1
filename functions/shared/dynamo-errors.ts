import type { CancellationReason } from '@aws-sdk/client-dynamodb'
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'

/**
 * How a DynamoDB call failed, as the code above an adapter needs to know it:
 *
 * - `condition-failed`: a condition did not hold: another writer got there first, or the
 *   item is not in the state the write expects. Trying the same write again cannot help.
 * - `conflict`: another transaction was working on one of the items: try again.
 * - `throttled`: more requests than the table or a partition takes: try again later.
 * - `unavailable`: no answer came, or DynamoDB failed on its side (a timeout, a reset or
 *   refused connection, a 5xx): try again later. The call may have been applied all the
 *   same (a lost response), so whoever retries must be able to tell (idempotency).
 * - `other`: anything else (validation, a missing table, a bug), not ours to interpret.
 */
type DynamoFailure = 'condition-failed' | 'conflict' | 'throttled' | 'unavailable' | 'other'

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number]

// By name, not instanceof: the SDK's exceptions set it, and a name survives a second
// copy of the SDK (a bundle, a test's own client).
const conflictNames = new Set(['TransactionConflictException', 'TransactionInProgressException'])
const throttledNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
])
const throttledCodes = new Set(['ProvisionedThroughputExceeded', 'ThrottlingError'])
// What the SDK's own retry strategy takes as transient (@smithy/core's retry module), and
// DynamoDB's own 5xx exceptions: a timeout, a dropped or refused connection, a 5xx.
const unavailableNames = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalServerError',
  'ServiceUnavailable',
])
const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
])

const nameOf = (error: unknown): string | undefined =>
  error instanceof Error ? error.name : undefined

/** Unavailable: a transient name or network code, or a 5xx status from the SDK's metadata. */
const isUnavailable = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false
  const { code, $metadata } = error as { code?: unknown; $metadata?: { httpStatusCode?: unknown } }
  const status = Number($metadata?.httpStatusCode ?? 0)
  return (
    unavailableNames.has(error.name) ||
    (typeof code === 'string' && networkCodes.has(code)) ||
    (status >= 500 && status <= 599)
  )
}

/** A cancelled transaction's reasons, one per item in TransactItems order; undefined otherwise. */
const reasonsOf = (error: unknown): readonly CancellationReason[] | undefined => {
  if (nameOf(error) !== 'TransactionCanceledException') return undefined
  const reasons = (error as { CancellationReasons?: unknown }).CancellationReasons
  return Array.isArray(reasons) ? (reasons as CancellationReason[]) : []
}

/**
 * What a DynamoDB error means for the caller. A cancelled transaction is read from its
 * reasons: a failed condition anywhere decides (no retry can pass it), then a conflict,
 * then throttling.
 *
 * @example if (classifyDynamoError(error) === 'condition-failed') return false
 */
export const classifyDynamoError = (error: unknown): DynamoFailure => {
  const name = nameOf(error)
  if (name === 'ConditionalCheckFailedException') return 'condition-failed'
  const reasons = reasonsOf(error)
  if (reasons) {
    const codes = new Set(reasons.map((reason) => reason.Code))
    if (codes.has('ConditionalCheckFailed')) return 'condition-failed'
    if (codes.has('TransactionConflict')) return 'conflict'
    return [...codes].some((code) => throttledCodes.has(code ?? '')) ? 'throttled' : 'other'
  }
  if (name !== undefined && conflictNames.has(name)) return 'conflict'
  if (name !== undefined && throttledNames.has(name)) return 'throttled'
  return isUnavailable(error) ? 'unavailable' : 'other'
}

/**
 * Another writer got there first: a condition no longer holds, or a transaction on the
 * same items won. Re-read and decide again.
 *
 * @example if (!lostRace(error)) throw error
 */
export const lostRace = (error: unknown): boolean => {
  const failure = classifyDynamoError(error)
  return failure === 'condition-failed' || failure === 'conflict'
}

/**
 * Whether the same call may succeed if tried again after a pause (a conflict, throttling,
 * DynamoDB unavailable for a moment). Past the SDK's own retries, the API answers such an
 * error with 503 and `Retry-After` (functions/http/error-handler.ts), never 500.
 *
 * @example if (isRetryable(error) && attempt < 5) await backoff(attempt)
 */
export const isRetryable = (error: unknown): boolean => {
  const failure = classifyDynamoError(error)
  return failure === 'conflict' || failure === 'throttled' || failure === 'unavailable'
}

/** Why a cancelled transaction refused each of its items, by the caller's name for it. */
interface Cancellation<Kind> {
  /** Items whose condition did not hold. */
  readonly conditionFailed: readonly Kind[]
  /** Items another transaction was working on. */
  readonly conflicted: readonly Kind[]
  /** Items refused for throughput. */
  readonly throttled: readonly Kind[]
}

/**
 * A cancelled TransactWriteItems read item by item: `kinds` names each of its
 * TransactItems in order (DynamoDB gives one reason per item, by position), so callers
 * ask about a kind, never an index. Undefined if `error` is not a cancellation.
 *
 * @example cancellationOf(error, transaction.kinds)?.conditionFailed.includes('checkpoint')
 */
export const cancellationOf = <Kind>(
  error: unknown,
  kinds: readonly Kind[],
): Cancellation<Kind> | undefined => {
  const reasons = reasonsOf(error)
  if (!reasons) return undefined
  const where = (test: (code: string) => boolean) =>
    kinds.filter((_, index) => test(reasons[index]?.Code ?? 'None'))
  return {
    conditionFailed: where((code) => code === 'ConditionalCheckFailed'),
    conflicted: where((code) => code === 'TransactionConflict'),
    throttled: where((code) => throttledCodes.has(code)),
  }
}

/**
 * A transaction written as named items: the TransactItems in the order of `items`, and
 * their kinds in the same order for `cancellationOf`, aligned by construction.
 *
 * @example const { TransactItems, kinds } = namedTransaction({ event, guard, checkpoint })
 */
export const namedTransaction = <Kind extends string>(items: Record<Kind, TransactItem>) => {
  const entries = Object.entries(items) as [Kind, TransactItem][]
  return {
    TransactItems: entries.map(([, item]) => item),
    kinds: entries.map(([kind]) => kind),
  }
}
