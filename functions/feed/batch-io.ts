import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import { backoff } from '../shared/backoff.js'
import type { DocumentClient } from '../shared/dynamo-client.js'

/** BatchGetItem takes 100 keys and BatchWriteItem 25 requests per call. */
const getLimit = 100
const writeLimit = 25
const maxRounds = 8

type Key = Record<string, unknown>
type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number]

/** DynamoDB kept some keys or writes unprocessed (throttling) after every retry. */
class UnprocessedItemsError extends Error {
  override readonly name = 'UnprocessedItemsError'
  constructor(readonly table: string, readonly count: number) {
    super(`${count} request(s) on ${table} stayed unprocessed after ${maxRounds} rounds`)
  }
}

/** DynamoDB leaves requests unprocessed when throttled: wait longer each round, jittered. */
const retryWait = { baseMs: 50, capMs: 3_000 }

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Every item among `keys` (consistent reads), fetched 100 at a time, retrying what
 * DynamoDB leaves unprocessed. Missing items are simply absent from the result.
 *
 * @example const items = await batchGetAll(doc, table, [{ pk: 'a', sk: 'b' }])
 */
export const batchGetAll = async (
  doc: DocumentClient,
  table: string,
  keys: readonly Key[],
): Promise<Record<string, unknown>[]> => {
  const found: Record<string, unknown>[] = []
  await Promise.all(
    chunks(keys, getLimit).map(async (chunk) => {
      let pending: Key[] = chunk
      for (let round = 0; pending.length > 0; round++) {
        if (round === maxRounds) throw new UnprocessedItemsError(table, pending.length)
        if (round > 0) await backoff(round, retryWait)
        const output = await doc.send(
          new BatchGetCommand({
            RequestItems: { [table]: { Keys: pending, ConsistentRead: true } },
          }),
        )
        found.push(...(output.Responses?.[table] ?? []))
        pending = (output.UnprocessedKeys?.[table]?.Keys ?? []) as Key[]
      }
    }),
  )
  return found
}

/**
 * Writes every request, 25 per BatchWriteItem, `parallel` calls at a time, retrying
 * unprocessed items with jittered backoff. Not atomic: callers make replays harmless.
 *
 * @example await batchWriteAll(doc, table, items.map((Item) => ({ PutRequest: { Item } })))
 */
export const batchWriteAll = async (
  doc: DocumentClient,
  table: string,
  requests: readonly WriteRequest[],
  parallel = 8,
): Promise<void> => {
  const queue = chunks(requests, writeLimit)
  const worker = async () => {
    for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
      let pending: WriteRequest[] = chunk
      for (let round = 0; pending.length > 0; round++) {
        if (round === maxRounds) throw new UnprocessedItemsError(table, pending.length)
        if (round > 0) await backoff(round, retryWait)
        const output = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }))
        pending = output.UnprocessedItems?.[table] ?? []
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, worker))
}
