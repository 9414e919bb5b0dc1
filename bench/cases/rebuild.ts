import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { projections } from '../../domain/projections/index.js'
import type { DocKey, FeedEvent } from '../../domain/projections/projection.js'
import { changeOf, foldEvent, type DocCache } from '../../functions/projector/fold.js'
import {
  docId,
  docItemKey,
  type DocChange,
  type StoredDoc,
} from '../../functions/projector/read-model-layout.js'
import { createReadModelStore } from '../../functions/projector/read-model-store.js'
import { rebuild, type RebuildResult } from '../../functions/rebuild/rebuild.js'
import { tableEnv } from '../../functions/shared/table-names.js'
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

/** Reads the first `count` events of the Feed a page at a time, handing each to `visit`. */
const eachEvent = async (
  seeded: SeededFeed,
  count: number,
  visit: (event: FeedEvent) => Promise<void> | void,
) => {
  let after = 0
  while (after < count) {
    const page = await seeded.feed.read({ after, limit: Math.min(1_000, count - after) })
    const last = page.at(-1)
    if (!last) throw new Error(`The Feed ended at ${after}, before ${count}`)
    after = last.position
    for (const event of page) await visit(event)
  }
  return after
}

/**
 * What a rebuild saves us from: the same events read from the Feed and folded with the same
 * projections, but each changed document written with its own PutItem, one at a time,
 * into a generation no reader uses.
 */
const oneWriteAtATime = (ctx: BenchContext, seeded: SeededFeed): Workload => ({
  label: 'fold + one PutItem per changed document',
  run(round) {
    const generation = 1_000 + round
    const caches = new Map(projections.map((p) => [p.name, new Map() as DocCache]))
    // The warm-up stops early: a whole run takes tens of seconds here.
    const count = round < 0 ? Math.min(200, seeded.count) : seeded.count
    return eachEvent(seeded, count, async (event) => {
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
    })
  },
})

/** The documents a rebuild of the Feed ends with, folded in memory beforehand. */
const finalDocuments = async (seeded: SeededFeed): Promise<DocChange[]> => {
  const folds = projections.map((projection) =>
    ({ projection, docs: new Map() as DocCache, keys: new Map<string, DocKey>() }))
  await eachEvent(seeded, seeded.count, (event) => {
    for (const { projection, docs, keys } of folds) {
      for (const key of foldEvent(projection, event, docs)) keys.set(docId(key), key)
    }
  })
  return folds.flatMap(({ projection, docs, keys }) =>
    [...keys].map(([id, key]) => changeOf(projection, key, docs.get(id) as StoredDoc)))
}

/**
 * The floor under a rebuild: only writing the documents it ends with, in bulk, with the
 * same BatchWriteItem calls (16 in flight), into a generation no reader uses. A ratio near
 * 1 says the rebuild costs what its writes cost.
 */
const bulkWriteOnly = (ctx: BenchContext, seeded: SeededFeed, docs: DocChange[]): Workload => {
  const store = createReadModelStore({ doc: ctx.doc, table: seeded.names.readModels })
  return {
    label: `BatchWriteItem of the ${thousands(docs.length)} documents alone`,
    async run(round) {
      const sample = round < 0 ? docs.slice(0, 2_000) : docs
      await store.writeDocs(2_000 + round, sample)
      return round < 0 ? sample.length : seeded.count
    },
  }
}

/**
 * Seeds the Feed the rebuild and feed cases read: a programme's events, valid for the
 * real projections, written in bulk at positions 1…count.
 *
 * @example const seeded = await seedProgramme(ctx)
 */
export const seedProgramme = (ctx: BenchContext) =>
  seedFeed(ctx, 'read-side', programmeEvents(ctx.size(50_000, 2_500)))

const run = promisify(execFile)

type ChildResult = RebuildResult & { peak: { rssMiB: number; heapMiB: number } }

/**
 * `npm run rebuild -- --json` in a process of its own, so that its peak memory is the
 * rebuild's alone (this process holds the benchmark's own data).
 */
const rebuildInChild = async (ctx: BenchContext, seeded: SeededFeed, cacheSize?: number) => {
  const env = { ...process.env, ...tableEnv(seeded.names), DYNAMODB_ENDPOINT: ctx.endpoint }
  const cache = cacheSize === undefined ? [] : ['--cache-size', String(cacheSize)]
  const args = ['--import', 'tsx', 'scripts/rebuild.ts', '--json', ...cache]
  const { stdout } = await run(process.execPath, args, { env, maxBuffer: 16 * 2 ** 20 })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult
}

/**
 * Peak memory of the rebuild at two Feed sizes, bounded (the default cache, a smaller one
 * on quick runs) and holding every document (as rebuilds did before): flat against
 * proportional.
 */
const memoryNote = async (ctx: BenchContext, seeded: SeededFeed) => {
  const half = await seedFeed(ctx, 'rebuild-half', programmeEvents(Math.floor(seeded.count / 2)))
  const line = async (label: string, cacheSize?: number) => {
    const runs = [await rebuildInChild(ctx, half, cacheSize),
      await rebuildInChild(ctx, seeded, cacheSize)]
    const sizes = runs.map(({ events, cache, peak }) =>
      `${thousands(events)} events (${thousands(cache.written)} documents written): peak RSS ` +
      `${peak.rssMiB} MiB, heap ${peak.heapMiB} MiB`)
    return `${label}: ${sizes.join('; ')}`
  }
  // A quick run's few thousand documents fit the default cache: bound it below them there,
  // so the bounded line still evicts, writes and reloads as a full rebuild does.
  const bounded = ctx.quick ? 1_000 : undefined
  return [
    await line(`bounded cache (${thousands(bounded ?? 20_000)} documents)`, bounded),
    await line('holding every document (cacheSize 10^9, as before)', 1e9),
  ].join('. ')
}

export const rebuildCases = async (ctx: BenchContext, rounds: number, seeded: SeededFeed) => {
  const sample = await seedFeed(ctx, 'rebuild-sample', programmeEvents(ctx.size(2_000, 300)))
  // A full rebuild takes minutes on a 2-core box, and the baseline's 2,000 events ~20 s:
  // fewer rounds keep the whole run under ~15 min.
  const fullRounds = ctx.quick ? rounds : Math.min(rounds, 3)
  const sampleRounds = ctx.quick ? rounds : Math.min(rounds, 5)
  const mix = '30 partners, then editions of 150–350 applications (new start-ups register as ' +
    'they apply), decisions, awards, withdrawals; all 6 real projections'
  const memory = await memoryNote(ctx, seeded)
  const versusRead = await compare(`rebuild ${thousands(seeded.count)} events`,
    ourRebuild(ctx, seeded, sample), rawScan(ctx, seeded), {
      rounds: fullRounds,
      target: 0.3,
      note: `${mix}; ${fullRounds} rounds; ratio = events/s replayed and written ÷ events/s ` +
        'merely read (consistent Queries of the page partitions, no parsing); on a DynamoDB ' +
        'Local of its own (run.ts), as are the feed cases. Peak memory of `npm run rebuild` ' +
        `in a process of its own (${thousands(seeded.count / 2)} then ` +
        `${thousands(seeded.count)} events): ${memory}`,
    })
  // Folded only now, and let go after: the other rebuilds run without them in memory.
  const docs = await finalDocuments(seeded)
  const versusWrites = await compare(
    `rebuild vs bulk write alone, ${thousands(seeded.count)} events`,
    ourRebuild(ctx, seeded, sample), bulkWriteOnly(ctx, seeded, docs), {
      rounds: fullRounds,
      note: `${fullRounds} rounds; baseline: only the BatchWriteItem calls of the documents ` +
        'the rebuild ends with (folded beforehand, 16 calls in flight as the rebuild), ' +
        'counted as the same events: how much of the rebuild is DynamoDB Local’s writes',
    })
  docs.length = 0
  const versusOneByOne = await compare(
    `rebuild vs one write at a time, ${thousands(sample.count)} events`,
    ourRebuild(ctx, sample), oneWriteAtATime(ctx, sample), {
      rounds: sampleRounds,
      target: 5,
      note: `${sampleRounds} rounds; the first ${thousands(sample.count)} events of the same ` +
        'programme in a Feed of their own; baseline reads them the same way, folds them ' +
        'with the same projections, then writes each changed document alone (sequential PutItem)',
    })
  return [versusRead, versusWrites, versusOneByOne]
}
