import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
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
  /** The Cognito user pool a `cognito-idp` call acts on. */
  readonly userPoolId?: string
}

/** A recorded request, with the function it ran for and how many times it was seen. */
export interface RecordedCall extends IamRequest {
  readonly fn: string
  readonly count: number
}

/** Where a process writes what it recorded in `dir`: its requests (JSON lines) and their counts. */
export const recordingFiles = { requests: '.requests.jsonl', counts: '.counts.json' } as const

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
  const userPoolId = text(body.UserPoolId)
  return [{ action: `${service}:${operation}`, ...(keyId ? { keyId } : {}), ...(userPoolId ? { userPoolId } : {}) }]
}

// Per process: request (as JSON) → times seen. A request seen for the first time is written
// at once (a test process may be stopped without an exit hook); the counts, only figures, follow.
const seen = new Map<string, number>()
let countsTimer: NodeJS.Timeout | undefined

const fileOf = (dir: string, kind: keyof typeof recordingFiles) => join(dir, `${process.pid}-${threadId}${recordingFiles[kind]}`)

const writeCounts = (dir: string) => {
  countsTimer = undefined
  const file = fileOf(dir, 'counts')
  writeFileSync(`${file}.partial`, JSON.stringify(Object.fromEntries(seen)))
  renameSync(`${file}.partial`, file)
}

const record = (dir: string, fn: string, requests: readonly IamRequest[]) => {
  for (const request of requests) {
    const key = JSON.stringify({ fn, ...request })
    const count = seen.get(key)
    if (count === undefined) {
      mkdirSync(dir, { recursive: true })
      appendFileSync(fileOf(dir, 'requests'), `${key}\n`)
    }
    seen.set(key, (count ?? 0) + 1)
  }
  countsTimer ??= setTimeout(() => writeCounts(dir), 500).unref()
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
