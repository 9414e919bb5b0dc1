import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { projections } from '../../domain/projections/index.js'
import { foldEvent, type DocCache } from '../../functions/projector/fold.js'
import {
  docId,
  docItemKey,
  type StoredDoc,
} from '../../functions/projector/read-model-layout.js'
import { createReadModelStore } from '../../functions/projector/read-model-store.js'
import { rebuild } from '../../functions/rebuild/rebuild.js'
import type { BenchContext } from '../context.js'
import { programmeEvents } from '../fixtures/programme-events.js'
import { compare, type Workload } from '../interleave.js'
import { rawFeedQuery, seedFeed, type SeededFeed } from './feed.js'

const thousands = (n: number) => n.toLocaleString('en')

const rebuildOnce = async (ctx: BenchContext, seeded: SeededFeed) => {
  const store = createReadModelStore({ doc: ctx.doc, table: seeded.names.readModels })
  const result = await rebuild({ feed: seeded.feed, store, projections })
  if (result.events !== seeded.count) {
    throw new Error(`rebuild replayed ${result.events} events of ${seeded.count}`)
  }
  return result.events
}

/**
 * The real rebuild with the real projections: each run fills (and switches to) a new
 * generation. The warm-up (round -1) may rebuild a smaller Feed: it only has to warm the
 * JIT and the connections, and a full rebuild takes minutes here.
 */
const ourRebuild = (ctx: BenchContext, seeded: SeededFeed, warmUp = seeded): Workload => ({
  label: 'rebuild() into a fresh generation',
  run: (round) => rebuildOnce(ctx, round < 0 ? warmUp : seeded),
})

const rawScan = (ctx: BenchContext, seeded: SeededFeed): Workload => ({
  label: 'raw paginated Query of the Feed',
  run: () => rawFeedQuery(ctx, seeded.names.feed, seeded.count),
})

/**
 * What a rebuild saves us from: the same events read from the Feed and folded with the same
 * projections, but each changed document written with its own PutItem, one at a time,
 * into a generation no reader uses.
 */
const oneWriteAtATime = (ctx: BenchContext, seeded: SeededFeed): Workload => ({
  label: 'fold + one PutItem per changed document',
  async run(round) {
    const generation = 1_000 + round
    const caches = new Map(projections.map((p) => [p.name, new Map() as DocCache]))
    // The warm-up stops early: a whole run takes tens of seconds here.
    const count = round < 0 ? Math.min(200, seeded.count) : seeded.count
    let after = 0
    while (after < count) {
      const page = await seeded.feed.read({ after, limit: Math.min(1_000, count - after) })
      const last = page.at(-1)
      if (!last) throw new Error(`The Feed ended at ${after}, before ${count}`)
      after = last.position
      for (const event of page) {
        for (const projection of projections) {
          const cache = caches.get(projection.name) as DocCache
          for (const key of foldEvent(projection, event, cache)) {
            const { doc = null, position } = cache.get(docId(key)) as StoredDoc
            await ctx.doc.send(new PutCommand({
              TableName: seeded.names.readModels,
              Item: { ...docItemKey(generation, key), doc, position },
            }))
          }
        }
      }
    }
    return after
  },
})

/**
 * Seeds the Feed the rebuild and feed cases read: a programme's events, valid for the
 * real projections, written in bulk at positions 1…count.
 *
 * @example const seeded = await seedProgramme(ctx)
 */
export const seedProgramme = (ctx: BenchContext) =>
  seedFeed(ctx, 'read-side', programmeEvents(ctx.size(50_000, 2_500)))

export const rebuildCases = async (ctx: BenchContext, rounds: number, seeded: SeededFeed) => {
  const sample = await seedFeed(ctx, 'rebuild-sample', programmeEvents(ctx.size(2_000, 300)))
  // A full rebuild takes minutes on a 2-core box, and the baseline's 2,000 events ~20 s:
  // fewer rounds keep the whole run under ~15 min.
  const fullRounds = ctx.quick ? rounds : Math.min(rounds, 3)
  const sampleRounds = ctx.quick ? rounds : Math.min(rounds, 5)
  const mix = '30 partners, then editions of 150–350 applications (new start-ups register as ' +
    'they apply), decisions, awards, withdrawals; all 6 real projections'
  return [
    await compare(`rebuild ${thousands(seeded.count)} events`, ourRebuild(ctx, seeded, sample),
      rawScan(ctx, seeded), {
        rounds: fullRounds,
        note: `${mix}; ${fullRounds} rounds; ratio = events/s replayed and written ÷ events/s ` +
          'merely read (consistent Queries of the page partitions, no parsing); on a DynamoDB ' +
          'Local of its own (run.ts), as are the feed cases',
      }),
    await compare(`rebuild vs one write at a time, ${thousands(sample.count)} events`,
      ourRebuild(ctx, sample), oneWriteAtATime(ctx, sample), {
        rounds: sampleRounds,
        target: 5,
        note: `${sampleRounds} rounds; the first ${thousands(sample.count)} events of the same ` +
          'programme in a Feed of their own; baseline reads them the same way, folds them ' +
          'with the same projections, ' +
          'then writes each changed document alone (sequential PutItem)',
      }),
  ]
}
