import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { threadId } from 'node:worker_threads'
import { runningFunction } from './function-scope.js'

/**
 * One IAM request an SDK call makes: the action IAM evaluates and what it names. A
 * transaction is one request per item (its Put is a `dynamodb:PutItem` on that item's
 * table), a batch one per table, a query on an index names the index.
 */
export interface IamRequest {
  readonly action: string
  readonly table?: string
  readonly index?: string
  readonly keyId?: string
}

/** A recorded request, with the function it ran for and how many times it was seen. */
export interface RecordedCall extends IamRequest {
  readonly fn: string
  readonly count: number
}

type Input = Record<string, unknown>
const asInput = (value: unknown): Input =>
  typeof value === 'object' && value !== null ? (value as Input) : {}
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

// A transaction item's kind → the action IAM evaluates for it.
const transactItemActions: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
}

const dynamoRequests = (operation: string, input: Input): IamRequest[] => {
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    const items = Array.isArray(input.TransactItems) ? input.TransactItems : []
    return items.flatMap((item) =>
      Object.entries(asInput(item)).flatMap(([kind, body]) => {
        const action = transactItemActions[kind]
        const table = text(asInput(body).TableName)
        return action && table ? [{ action, table }] : []
      }),
    )
  }
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    return Object.keys(asInput(input.RequestItems)).map((table) => ({ action: `dynamodb:${operation}`, table }))
  }
  const table = text(input.TableName)
  const index = text(input.IndexName)
  return [{ action: `dynamodb:${operation}`, ...(table ? { table } : {}), ...(index ? { index } : {}) }]
}

/**
 * The IAM requests one SDK call makes, from its service, command and input.
 *
 * @example iamRequestsOf('dynamodb', 'TransactWriteItems', { TransactItems: [{ Put: { TableName: 'Events' } }] })
 *   // [{ action: 'dynamodb:PutItem', table: 'Events' }]
 */
export const iamRequestsOf = (service: string, operation: string, input: unknown): IamRequest[] => {
  const body = asInput(input)
  if (service === 'dynamodb') return dynamoRequests(operation, body)
  const keyId = text(body.KeyId)
  return [{ action: `${service}:${operation}`, ...(keyId ? { keyId } : {}) }]
}

// Per process: request (as JSON) → times seen. Written out whole, so a reader needs no merge.
const seen = new Map<string, number>()
let flushTimer: NodeJS.Timeout | undefined

const flush = (dir: string) => {
  flushTimer = undefined
  mkdirSync(dir, { recursive: true })
  const calls = [...seen].map(([request, count]): RecordedCall => ({ ...(JSON.parse(request) as RecordedCall), count }))
  // Written aside, then renamed: a process killed mid-write leaves its last whole record.
  const file = join(dir, `${process.pid}-${threadId}.json`)
  writeFileSync(`${file}.partial`, JSON.stringify(calls))
  renameSync(`${file}.partial`, file)
}

let exitHooked = false

const record = (dir: string, fn: string, requests: readonly IamRequest[]) => {
  for (const request of requests) {
    const key = JSON.stringify({ fn, ...request })
    seen.set(key, (seen.get(key) ?? 0) + 1)
  }
  if (!exitHooked) {
    exitHooked = true
    process.once('exit', () => flush(dir))
  }
  flushTimer ??= setTimeout(() => flush(dir), 200).unref()
}

interface MiddlewareClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: { input: unknown }) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: { input: unknown }) => Promise<unknown>,
      options: { step: 'initialize'; name: string; override: boolean },
    ): void
  }
}

/**
 * Records every call `client` makes, as the IAM requests it amounts to, under the function
 * running it (function-scope.ts), into `AWS_CALL_RECORDING_DIR` when the tests set it:
 * tests/infra/observed-calls.test.ts holds them against each function's role in the
 * template. Unset (AWS, `npm start`), the client is returned untouched.
 *
 * @example const kms = recordCalls(new KMSClient({}), 'kms')
 */
export const recordCalls = <C>(client: C, service: string, env: NodeJS.ProcessEnv = process.env): C => {
  const dir = env.AWS_CALL_RECORDING_DIR
  if (!dir) return client
  ;(client as MiddlewareClient).middlewareStack.add(
    (next, context) => async (args) => {
      const fn = runningFunction()
      const operation = context.commandName?.replace(/Command$/, '')
      if (fn && operation) record(dir, fn, iamRequestsOf(service, operation, args.input))
      return next(args)
    },
    { step: 'initialize', name: 'recordAwsCalls', override: true },
  )
  return client
}
