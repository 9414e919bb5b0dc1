import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { editionDecider, type EditionEvent } from '../../domain/edition/index.js'
import { fold } from '../../domain/shared/decider.js'
import { applicationSubmitted, editionOpened } from '../../tests/fixtures/events.js'
import type { BenchContext } from '../context.js'
import { compare, type Workload } from '../interleave.js'

const metadata = { correlationId: 'bench', actor: 'bench' }

/** Writes an edition stream of `length` events (opened + applications), 99 per transaction. */
const seedStream = async (ctx: BenchContext, streamId: string, length: number) => {
  const events = [editionOpened('ces-2020', 1000), ...Array.from({ length: length - 1 }, (_, i) => applicationSubmitted(`a-${i}`, `s-${i}`))]
  for (let start = 0; start < events.length; start += 99) {
    await ctx.store.append([{ streamId, expectedVersion: start, events: events.slice(start, start + 99) }], { metadata })
  }
}

const ourLoad = (ctx: BenchContext, streamId: string, loads: number): Workload => ({
  label: 'load + validate + fold',
  async run() {
    for (let i = 0; i < loads; i++) {
      const events = await ctx.store.readStream(streamId)
      fold(editionDecider, events as unknown as EditionEvent[])
    }
    return loads
  },
})

const rawQuery = (ctx: BenchContext, streamId: string, loads: number): Workload => ({
  label: 'raw paginated Query',
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

export const rehydrateCases = async (ctx: BenchContext, rounds: number) => {
  const results = []
  for (const [length, loads] of [[10, ctx.size(100, 20)], [100, ctx.size(30, 6)], [1000, ctx.size(5, 2)]] as const) {
    const streamId = `edition-rehydrate-${length}`
    await seedStream(ctx, streamId, length)
    results.push(await compare(`rehydrate ${length} events`, ourLoad(ctx, streamId, loads), rawQuery(ctx, streamId, loads), { rounds, target: 0.85 }))
  }
  return results
}
