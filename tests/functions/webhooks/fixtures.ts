import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { vi } from 'vitest'
import { createIndexer } from '../../../functions/indexer/indexer.js'
import type { TestTables } from '../../setup/test-tables.js'
import { insertRecord, streamEvent } from '../indexer/stream-events.js'

/**
 * A clock the test moves by hand: the retry schedule runs on it, nothing sleeps.
 *
 * @example const time = fakeClock(testNow); time.advance(30_000)
 */
export const fakeClock = (start: Date) => {
  let now = start.getTime()
  return {
    clock: () => new Date(now),
    advance: (ms: number) => void (now += ms),
    set: (date: Date | string) => void (now = new Date(date).getTime()),
  }
}

/**
 * Runs the real indexer over every item of the Events table, as its stream would hand
 * them over: in `shards` concurrent invocations, each stream's records in one of them.
 */
export const indexAll = async ({ doc, names }: TestTables, shards = 1) => {
  const items: Record<string, unknown>[] = []
  let ExclusiveStartKey: Record<string, unknown> | undefined
  do {
    const page = await doc.send(new ScanCommand({ TableName: names.events, ExclusiveStartKey }))
    items.push(...(page.Items ?? []))
    ExclusiveStartKey = page.LastEvaluatedKey
  } while (ExclusiveStartKey)
  const index = createIndexer({ doc, tables: names })
  const shardOf = (item: Record<string, unknown>) =>
    [...String(item.streamId)].reduce((sum, char) => sum + char.charCodeAt(0), 0) % shards
  const results = await Promise.all(
    Array.from({ length: shards }, (_, shard) =>
      index(
        streamEvent(
          items.filter((item) => shardOf(item) === shard).map((item) => insertRecord(item)),
        ),
      ),
    ),
  )
  const failures = results.flatMap((r) => r.batchItemFailures)
  if (failures.length > 0) throw new Error(`indexer failed on ${failures.length} records`)
}

export interface ReceivedRequest {
  readonly n: number
  readonly headers: IncomingHttpHeaders
  readonly body: string
  /** What the receiver did with it: its status, or `dropped` (processed, answer lost). */
  readonly answer: number | 'dropped' | 'hung'
  readonly receivedAt: Date
}

export type Answer = number | 'drop' | 'hang' | { status: number; headers: Record<string, string> }

/**
 * A webhook receiver on 127.0.0.1 (port 0): `answer(n, body)` decides what the n-th
 * request gets (a status, a dropped connection, or no answer at all).
 *
 * @example const receiver = await startReceiver(() => 204, clock)
 */
export const startReceiver = async (
  answer: (n: number, body: string) => Answer,
  clock: () => Date,
  port = 0,
) => {
  const requests: ReceivedRequest[] = []
  const hung: ServerResponse[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const n = requests.length + 1
      const decided = answer(n, body)
      const record = (what: ReceivedRequest['answer']) =>
        requests.push({ n, headers: request.headers, body, answer: what, receivedAt: clock() })
      if (decided === 'drop') {
        record('dropped')
        request.socket.destroy()
      } else if (decided === 'hang') {
        record('hung')
        hung.push(response)
      } else {
        const { status, headers } =
          typeof decided === 'number' ? { status: decided, headers: {} } : decided
        record(status)
        response.writeHead(status, headers).end()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}/hooks`,
    port: bound,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hung) response.socket?.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * Verifies a received webhook with the standardwebhooks package, as the receiver would
 * have at the moment it arrived (the library checks the timestamp against Date.now(),
 * and the test's clock is not the wall clock).
 *
 * @example expect(verifyAsReceived(secret, request)).toMatchObject({ type: 'award.won' })
 */
export const verifyAsReceived = (secret: string, request: ReceivedRequest): unknown => {
  vi.useFakeTimers({ now: request.receivedAt, toFake: ['Date'] })
  try {
    return new Webhook(secret).verify(request.body, request.headers as Record<string, string>)
  } finally {
    vi.useRealTimers()
  }
}

/**
 * What a receiver processed (accepted, or took in before its answer was lost), once
 * each by `webhook-id`, in arrival order: what its deduplication leaves.
 */
export const dedupe = (requests: readonly ReceivedRequest[]) => {
  const seen = new Set<string>()
  return requests.filter((r) => {
    const id = String(r.headers['webhook-id'])
    if ((typeof r.answer === 'number' && r.answer >= 300) || seen.has(id)) return false
    seen.add(id)
    return true
  })
}
