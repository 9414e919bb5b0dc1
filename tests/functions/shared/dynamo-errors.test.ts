import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ResourceNotFoundException,
  ThrottlingException,
  TransactionCanceledException,
  TransactionConflictException,
  TransactionInProgressException,
  type CancellationReason,
} from '@aws-sdk/client-dynamodb'
import { PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { beforeAll, describe, expect, it } from 'vitest'
import { unlessConditionFails, written } from '../../../functions/shared/conditional-write.js'
import {
  cancellationOf,
  classifyDynamoError,
  isRetryable,
  lostRace,
  namedTransaction,
} from '../../../functions/shared/dynamo-errors.js'
import { createTestTables, type TestTables } from '../../setup/test-tables.js'

const $metadata = {}
/** As Node's HTTP client fails: a connection reset or refused, no HTTP status at all. */
const networkError = (code: string) => Object.assign(new Error(`connect ${code}`), { code })
/** As the SDK's HTTP handler times out (a plain Error named TimeoutError). */
const timeout = () =>
  Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' })
/** A service exception the SDK does not model, as it builds one from a 5xx answer. */
const status = (httpStatusCode: number, name = 'UnknownError') =>
  Object.assign(new Error('x'), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode },
  })

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata,
    CancellationReasons: codes.map((Code): CancellationReason => ({ Code })),
  })

describe('DynamoDB error classification, on the SDK exception classes', () => {
  it('tells a failed condition, a conflict, throttling and anything else apart', () => {
    const cases = [
      [new ConditionalCheckFailedException({ message: 'x', $metadata }), 'condition-failed'],
      [cancelled('None', 'ConditionalCheckFailed'), 'condition-failed'],
      // A failed condition decides even beside a conflict: no retry can pass it.
      [cancelled('TransactionConflict', 'ConditionalCheckFailed'), 'condition-failed'],
      [cancelled('None', 'TransactionConflict'), 'conflict'],
      [new TransactionConflictException({ message: 'x', $metadata }), 'conflict'],
      [new TransactionInProgressException({ message: 'x', $metadata }), 'conflict'],
      [cancelled('ThrottlingError', 'None'), 'throttled'],
      [cancelled('ProvisionedThroughputExceeded'), 'throttled'],
      [new ProvisionedThroughputExceededException({ message: 'x', $metadata }), 'throttled'],
      [new ThrottlingException({ message: 'x', $metadata }), 'throttled'],
      [new RequestLimitExceeded({ message: 'x', $metadata }), 'throttled'],
      [
        new InternalServerError({ message: 'x', $metadata: { httpStatusCode: 500 } }),
        'unavailable',
      ],
      [status(503, 'ServiceUnavailable'), 'unavailable'],
      [status(502), 'unavailable'],
      [timeout(), 'unavailable'],
      [networkError('ECONNRESET'), 'unavailable'],
      [networkError('ECONNREFUSED'), 'unavailable'],
      [networkError('ETIMEDOUT'), 'unavailable'],
      // A caller's own abort, a client error with a 4xx, a misconfigured host: not transient.
      [Object.assign(new Error('Request aborted'), { name: 'AbortError' }), 'other'],
      [status(400, 'ValidationException'), 'other'],
      [networkError('ENOTFOUND'), 'other'],
      [cancelled('ValidationError'), 'other'],
      [new ResourceNotFoundException({ message: 'x', $metadata }), 'other'],
      [new TypeError('x is undefined'), 'other'],
      ['a string', 'other'],
      [undefined, 'other'],
    ] as const
    for (const [error, expected] of cases) {
      expect(classifyDynamoError(error), String(error)).toBe(expected)
    }
  })

  it('calls a lost race what re-reading answers, and retryable what waiting answers', () => {
    expect(lostRace(cancelled('ConditionalCheckFailed'))).toBe(true)
    expect(lostRace(new TransactionConflictException({ message: 'x', $metadata }))).toBe(true)
    expect(lostRace(new ThrottlingException({ message: 'x', $metadata }))).toBe(false)
    expect(isRetryable(new ThrottlingException({ message: 'x', $metadata }))).toBe(true)
    expect(isRetryable(cancelled('TransactionConflict'))).toBe(true)
    expect(isRetryable(networkError('ECONNRESET'))).toBe(true)
    expect(isRetryable(timeout())).toBe(true)
    expect(lostRace(timeout())).toBe(false)
    expect(isRetryable(new ConditionalCheckFailedException({ message: 'x', $metadata }))).toBe(
      false,
    )
  })

  it('reads a cancellation item by item, by the names the caller gave them', () => {
    const kinds = ['event', 'guard', 'idempotency'] as const
    expect(cancellationOf(cancelled('None', 'ConditionalCheckFailed', 'None'), kinds)).toEqual({
      conditionFailed: ['guard'],
      conflicted: [],
      throttled: [],
    })
    expect(
      cancellationOf(cancelled('TransactionConflict', 'None', 'ThrottlingError'), kinds),
    ).toEqual({ conditionFailed: [], conflicted: ['event'], throttled: ['idempotency'] })
    expect(
      cancellationOf(new ConditionalCheckFailedException({ message: 'x', $metadata }), kinds),
    ).toBeUndefined()
  })
})

describe('DynamoDB error classification, on what DynamoDB Local throws', () => {
  let tables: TestTables
  let table: string
  beforeAll(async () => {
    tables = await createTestTables()
    table = tables.names.partners
  })

  const put = (pk: string, condition = 'attribute_not_exists(pk)') =>
    tables.doc.send(
      new PutCommand({ TableName: table, Item: { pk, sk: 'x' }, ConditionExpression: condition }),
    )

  it('a refused conditional write', async () => {
    await put('single')
    const error = await put('single').catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ConditionalCheckFailedException)
    expect(classifyDynamoError(error)).toBe('condition-failed')
    expect(await written(() => put('single'))).toBe(false)
    expect(await written(() => put('single-2'))).toBe(true)
    expect(await unlessConditionFails(() => put('single'))).toBeUndefined()
  })

  it('a cancelled transaction, named by item kind', async () => {
    await put('taken')
    const transaction = namedTransaction({
      fresh: { Put: { TableName: table, Item: { pk: 'fresh', sk: 'x' } } },
      guard: {
        Put: {
          TableName: table,
          Item: { pk: 'taken', sk: 'x' },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      check: {
        ConditionCheck: {
          TableName: table,
          Key: { pk: 'taken', sk: 'absent' },
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
    })
    const error = await tables.doc
      .send(new TransactWriteCommand({ TransactItems: transaction.TransactItems }))
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(TransactionCanceledException)
    expect(classifyDynamoError(error)).toBe('condition-failed')
    expect(cancellationOf(error, transaction.kinds)?.conditionFailed).toEqual(['guard', 'check'])
  })

  it('anything else is thrown on, not mistaken for a lost race', async () => {
    const invalid = () =>
      tables.doc.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: 'x', sk: 'x' },
          UpdateExpression: 'SET #missing = :v', // no ExpressionAttributeNames: invalid
          ExpressionAttributeValues: { ':v': 1 },
        }),
      )
    const error = await invalid().catch((thrown: unknown) => thrown)
    expect(error).toMatchObject({ name: 'ValidationException' })
    expect(classifyDynamoError(error)).toBe('other')
    await expect(written(invalid)).rejects.toMatchObject({ name: 'ValidationException' })
  })
})
