import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { editionDecider } from '../../domain/edition/index.js'
import { createAggregateLoader } from '../../functions/store/aggregate-loader.js'
import { createSnapshotStore } from '../../functions/store/snapshots.js'
import { editionOpened, partnerJoined } from '../fixtures/events.js'
import type { BenchContext } from '../context.js'
import { compare, type Workload } from '../interleave.js'

const metadata = { correlationId: 'bench', actor: 'bench' }

/** Writes an edition stream of `length` events (opened + partners joining), 99 per transaction. */
const seedStream = async (ctx: BenchContext, editionId: string, length: number) => {
  const events = [editionOpened(editionId, 1000), ...Array.from({ length: length - 1 }, (_, i) => partnerJoined(`p-${i}`, editionId))]
  for (let start = 0; start < events.length; start += 99) {
    await ctx.store.append([{ streamId: `edition-${editionId}`, expectedVersion: start, events: events.slice(start, start + 99) }], { metadata })
  }
}

/**
 * Our load as a command handler in a new Lambda container does it: no state cached in
 * the process, so the snapshot and the newest events are read (in parallel), validated
 * and folded. The warm-up load writes the snapshot, as the first command on a long
 * stream would.
 */
const ourLoad = (ctx: BenchContext, editionId: string, loads: number): Workload => {
  const snapshots = createSnapshotStore({ doc: ctx.doc, table: ctx.names.snapshots })
  return {
    label: 'load (snapshot + newest events, validated, folded; no cache)',
    async run() {
      for (let i = 0; i < loads; i++) {
        await createAggregateLoader({ store: ctx.store, snapshots }).load(editionDecider, editionId)
      }
      return loads
    },
  }
}

const rawQuery = (ctx: BenchContext, streamId: string, loads: number): Workload => ({
  label: 'raw paginated Query of the whole stream',
  async run() {
    for (let i = 0; i < loads; i++) {
      let ExclusiveStartKey: Record<string, unknown> | undefined
      do {
        const page = await ctx.doc.send(
          new QueryCommand({
            TableName: ctx.names.events,
            KeyConditionExpression: 'streamId = :s',
            ExpressionAttributeValues: { ':s': streamId },
            ConsistentRead: true,
            ExclusiveStartKey,
          }),
        )
        ExclusiveStartKey = page.LastEvaluatedKey
      } while (ExclusiveStartKey)
    }
    return loads
  },
})

const targets = { 10: 0.85, 100: 0.9, 1000: 1.0 } as const

export const rehydrateCases = async (ctx: BenchContext, rounds: number) => {
  const results = []
  for (const [length, loads] of [[10, ctx.size(100, 20)], [100, ctx.size(60, 12)], [1000, ctx.size(30, 6)]] as const) {
    const editionId = `rehydrate-${length}`
    await seedStream(ctx, editionId, length)
    results.push(
      await compare(`rehydrate ${length} events`, ourLoad(ctx, editionId, loads), rawQuery(ctx, `edition-${editionId}`, loads), {
        rounds,
        target: targets[length],
      }),
    )
  }
  return results
}
