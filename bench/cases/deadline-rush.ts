import { randomUUID } from 'node:crypto'
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { v7 as uuidv7 } from 'uuid'
import { applicationBody, editionBody, validSiret } from '../fixtures/requests.js'
import type { BenchContext } from '../context.js'
import { startBenchApi } from '../fixtures/api-server.js'
import { compare, concurrently, median, percentile, type Comparison, type Workload } from '../interleave.js'
import { rawPut } from './append.js'

/** Latencies of one block of 100 applications (in the order they were sent). */
export interface RushBlock {
  readonly block: number
  readonly p50Ms: number
  readonly p99Ms: number
}

export interface RushResult {
  readonly name: string
  readonly applications: number
  readonly clients: number
  /** Every answer that was not a 201, by status, over all rounds. Target: none. */
  readonly refused: Readonly<Record<string, number>>
  /** Per block of 100, the median over rounds of each block's p50 and p99. */
  readonly blocks: readonly RushBlock[]
  /** p99 of the last 100 ÷ p99 of the first 100, median and range over rounds. Target ≤ 1.5. */
  readonly flatness: { readonly median: number; readonly min: number; readonly max: number }
  readonly throughput: Comparison
  /** The same writes as raw TransactWriteItems from as many writers, against the same baseline. */
  readonly ceiling: Comparison
}

/**
 * What one application writes, raw, with no validation, no HTTP and no reads: its new
 * contact's data key (a conditional PutItem of its own, as the vault makes it before the
 * append), then one TransactWriteItems of the application's and the new start-up's first
 * events, the edition's lifecycle checked, the one-application guard and the idempotency
 * key. DynamoDB Local's own rate for these writes bounds what the rush can reach.
 */
const rawApplication = (ctx: BenchContext, writers: number, count: number): Workload => {
  const put = (TableName: string, Item: Record<string, unknown>, key: string) => ({
    Put: { TableName, Item, ConditionExpression: `attribute_not_exists(${key})` },
  })
  return {
    label: `raw: an application's data key, then TransactWriteItems of its 5 items (${writers} writers)`,
    run: (round) =>
      concurrently(count, writers, async () => {
        const [applicationId, startupId] = [uuidv7(), uuidv7()]
        const event = (streamId: string, type: string) => ({
          eventId: uuidv7(), streamId, version: 1, type, schemaVersion: 1, data: { applicationId, startupId }, recordedAt: new Date().toISOString(),
        })
        const keyItem = { pk: `startup#${startupId}`, sk: 'subject#raw', keyId: randomUUID(), wrappedKey: 'x'.repeat(200) }
        await ctx.doc.send(new PutCommand({ TableName: ctx.names.keys, Item: keyItem, ConditionExpression: 'attribute_not_exists(pk)' }))
        await ctx.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              put(ctx.names.events, event(`application-raw-${applicationId}`, 'application.submitted'), 'streamId'),
              put(ctx.names.events, event(`startup-raw-${startupId}`, 'startup.registered'), 'streamId'),
              {
                ConditionCheck: {
                  TableName: ctx.names.guards,
                  Key: { guardId: `edition-lifecycle#raw-rush-${round}` },
                  ConditionExpression: 'attribute_not_exists(guardId) OR #count = :expected',
                  ExpressionAttributeNames: { '#count': 'count' },
                  ExpressionAttributeValues: { ':expected': 0 },
                },
              },
              put(ctx.names.guards, { guardId: `edition-application#raw-${round}#${startupId}`, applicationId }, 'guardId'),
              put(ctx.names.guards, { guardId: `idempotency#raw-${applicationId}`, fingerprint: 'x' }, 'guardId'),
            ],
          }),
        )
      }),
  }
}

/**
 * The deadline rush: `count` applications to ONE edition from 16 concurrent HTTP clients,
 * every one a distinct start-up with a fresh Idempotency-Key (as the form sends), through
 * the real app on @hono/node-server. Each round opens a new edition, so a round's first
 * and last 100 are the start and the end of one edition's rush.
 */
export const deadlineRushCases = async (ctx: BenchContext, rounds: number): Promise<RushResult> => {
  const api = await startBenchApi(ctx)
  const clients = 16
  const count = ctx.size(1000, 200)
  let siret = 0
  const refused: Record<string, number> = {}
  const latencies = new Map<number, number[]>()

  const rush: Workload = {
    label: `HTTP applications to one edition (${clients} clients)`,
    async run(round) {
      const editionId = `rush-${round + 1}-${randomUUID().slice(0, 8)}`
      const opened = await api.post('/editions', editionBody(editionId, { capacity: 1000 }), api.adminHeaders)
      if (opened !== 201) throw new Error(`open ${editionId}: ${opened}`)
      const times = new Array<number>(count)
      await concurrently(count, clients, async (i) => {
        const started = performance.now()
        const status = await api.post(`/editions/${editionId}/applications`, applicationBody(validSiret(90_000_000 + ++siret)), {
          'Idempotency-Key': randomUUID(),
        })
        times[i] = performance.now() - started
        if (status !== 201) refused[status] = (refused[status] ?? 0) + 1
      })
      if (round >= 0) latencies.set(round, times)
      return count
    },
  }
  try {
    const throughput = await compare('deadline rush, 16 clients, one edition', rush, rawPut(ctx, 8, count), {
      rounds,
      target: 0.5,
      note: `${count} applications to one edition per round, each a new start-up with its Idempotency-Key; baseline: raw conditional PutItem from 8 writers`,
    })
    const ceiling = await compare('deadline rush ceiling: raw transactions', rawApplication(ctx, clients, count), rawPut(ctx, 8, count), {
      rounds,
      note: 'what DynamoDB Local itself does with the rush’s writes: no HTTP, no validation, no reads',
    })
    const perRound = [...latencies.values()]
    const blockCount = Math.ceil(count / 100)
    const blocks = Array.from({ length: blockCount }, (_, block) => {
      const slices = perRound.map((times) => times.slice(block * 100, block * 100 + 100))
      return {
        block: block + 1,
        p50Ms: median(slices.map((slice) => percentile(slice, 0.5))),
        p99Ms: median(slices.map((slice) => percentile(slice, 0.99))),
      }
    })
    const flatness = perRound.map((times) => percentile(times.slice(-100), 0.99) / percentile(times.slice(0, 100), 0.99))
    return {
      name: 'deadline rush',
      applications: count,
      clients,
      refused,
      blocks,
      flatness: { median: median(flatness), min: Math.min(...flatness), max: Math.max(...flatness) },
      throughput,
      ceiling,
    }
  } finally {
    api.close()
  }
}
