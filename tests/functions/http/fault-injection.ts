import type { Readable } from 'node:stream'
import type { DocumentClient } from '../../../functions/shared/dynamo-client.js'

/**
 * What goes wrong with one attempt of one call, as DynamoDB and the network fail in AWS:
 *
 * - `lost-response`: DynamoDB applies the call, then the connection drops before its answer
 *   arrives (ECONNRESET): the write landed, the caller cannot know it.
 * - `internal-error`: DynamoDB applies the call, then answers HTTP 500 InternalServerError.
 * - `throttled`: refused before anything is done, HTTP 400 ThrottlingException.
 * - `timeout`: no answer before the client's timeout; nothing was sent (TimeoutError).
 * - `unavailable`: the endpoint refuses the connection (ECONNREFUSED); nothing was sent.
 */
export type Fault = 'lost-response' | 'internal-error' | 'throttled' | 'timeout' | 'unavailable'

/** One attempt as the fault plan sees it: the SDK's own retries are attempts of one call. */
export interface Attempt {
  /** The DynamoDB operation: `TransactWriteItems`, `GetItem`… */
  readonly operation: string
  /** PutItem, UpdateItem, DeleteItem, TransactWriteItems, BatchWriteItem. */
  readonly write: boolean
  /** 0, 1, 2… over the client's attempts since the plan was put in use. */
  readonly n: number
}

/** Which fault, if any, an attempt meets. */
export type FaultPlan = (attempt: Attempt) => Fault | undefined

/** The little of the SDK's middleware types this needs (they live in a transitive package). */
type Next = (args: unknown) => Promise<{ response: { body?: Readable } }>
interface Context {
  readonly commandName?: string
}

const writeOperations = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'TransactWriteItems',
  'BatchWriteItem',
])

/** DynamoDB's own error answer (JSON 1.0 protocol), as its deserializer reads it. */
const errorAnswer = (statusCode: number, type: string, message: string) => ({
  response: {
    statusCode,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': 'fault-injection',
    },
    body: new TextEncoder().encode(
      JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }),
    ),
  },
})

const networkError = (message: string, code: string) => Object.assign(new Error(message), { code })

/**
 * Adds a fault-injecting middleware to a DynamoDB client's stack: the client, its retries
 * and DynamoDB Local behind it stay real; only some attempts' answers are replaced. It
 * sits in the deserialize step below the SDK's deserializer, so its 400/500 answers become
 * the SDK's own exceptions, and below the retry middleware, so each SDK retry is an
 * attempt of its own. `tally` counts the faults injected, by kind and operation.
 *
 * @example const faults = injectFaults(doc, ({ write }) => (write ? 'lost-response' : undefined))
 */
export const injectFaults = (doc: DocumentClient, initialPlan: FaultPlan) => {
  let plan = initialPlan
  let n = 0
  const tally = {
    attempts: 0,
    byFault: {} as Partial<Record<Fault, number>>,
    byOperation: {} as Record<string, number>,
  }

  const middleware = (next: Next, context: Context) => async (args: unknown) => {
    const operation = (context.commandName ?? '').replace(/Command$/, '')
    const fault = plan({ operation, write: writeOperations.has(operation), n: n++ })
    tally.attempts++
    if (!fault) return next(args)
    tally.byFault[fault] = (tally.byFault[fault] ?? 0) + 1
    tally.byOperation[operation] = (tally.byOperation[operation] ?? 0) + 1
    switch (fault) {
      case 'throttled':
        return errorAnswer(
          400,
          'ThrottlingException',
          'Rate of requests exceeds the allowed throughput.',
        )
      case 'timeout':
        throw Object.assign(new Error('Connection timed out after 1000 ms'), {
          name: 'TimeoutError',
        })
      case 'unavailable':
        throw networkError('connect ECONNREFUSED', 'ECONNREFUSED')
      case 'lost-response':
      case 'internal-error': {
        // DynamoDB does the work; its answer is dropped (its body read to free the socket).
        const { response } = await next(args)
        response.body?.resume()
        if (fault === 'lost-response') throw networkError('socket hang up', 'ECONNRESET')
        return errorAnswer(500, 'InternalServerError', 'Internal server error')
      }
    }
  }

  doc.middlewareStack.add(middleware as never, {
    step: 'deserialize',
    priority: 'low',
    name: 'faultInjection',
  })
  return {
    tally,
    /** Changes what attempts meet from now on (`() => undefined`: no more faults). */
    use(next: FaultPlan) {
      plan = next
      n = 0
    },
  }
}

/**
 * A seeded generator (mulberry32): the same seed draws the same sequence of faults.
 *
 * @example const random = seeded(18); random() // 0 ≤ x < 1
 */
export const seeded = (seed: number) => {
  let state = seed >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}
