import { setTimeout as sleep } from 'node:timers/promises'
import { v7 as uuidv7 } from 'uuid'
import { z } from 'zod'
import { editionStreamId } from '../../domain/edition/index.js'
import { collections, tallySchema } from '../../domain/projections/index.js'
import { createReadModels } from '../../functions/projector/read-models.js'
import { createDynamoEventStore } from '../../functions/store/dynamo-event-store.js'
import { applicationSubmitted, editionOpened } from '../fixtures/events.js'
import type { BenchContext } from '../context.js'
import { startStreamPipeline } from '../fixtures/stream-pipeline.js'
import type { LatencyResult } from '../report.js'

const pollerIntervalMs = 100
const watchEveryMs = 10
const appendsPerSecond = 50
/** Concurrent writers: one stream's appends are sequential, and one may take > 20 ms here. */
const laneCount = 4
/** Applications per edition: the watcher reads one edition's summary, kept to a real size. */
const perEdition = 200
const stallMs = 30_000
const metadata = { correlationId: 'bench', actor: 'bench' }
const summaryTally = z.object({ tally: tallySchema })

/** Nearest-rank percentile of unsorted values. */
const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN
}

/**
 * One of the concurrent writers: its appends go one after another to its own editions,
 * `perEdition` applications each, so its k-th append is an edition summary's count.
 */
interface Lane {
  readonly editions: string[]
  readonly started: number[]
  /** Settles when the lane's appends so far are done. */
  chain: Promise<void>
}

const editionAt = (lane: Lane, k: number) => lane.editions[Math.floor(k / perEdition)] as string

/**
 * One reader for all writers: it polls the summary that should show the oldest append not
 * seen yet (about one read per 10 ms, however many writers) and, after progress, looks again
 * at once, as the next writer's append is likely visible too. Returns each append's lag.
 */
const watch = async (
  lanes: readonly Lane[],
  total: number,
  shown: (editionId: string) => Promise<number>,
) => {
  const lags: number[] = []
  const seen = lanes.map(() => 0)
  let progressAt = performance.now()
  for (let next = 0; next < total; ) {
    const j = next % lanes.length
    const lane = lanes[j] as Lane
    const k = Math.floor(next / lanes.length)
    const count = await shown(editionAt(lane, k))
    const now = performance.now()
    const visible = Math.min(Math.floor(k / perEdition) * perEdition + count, lane.started.length)
    for (let m = seen[j] as number; m < visible; m++) lags.push(now - (lane.started[m] as number))
    seen[j] = Math.max(seen[j] as number, visible)
    const before = next
    const isSeen = (i: number) => Math.floor(i / lanes.length) < (seen[i % lanes.length] as number)
    while (next < total && isSeen(next)) next++
    if (next > before) progressAt = now
    else await sleep(watchEveryMs)
    if (now - progressAt > stallMs) throw new Error(`projection lag: stuck at ${next} of ${total}`)
  }
  return lags
}

/**
 * Appends applications at a steady rate through the event store while the real indexer and
 * projector run on the streams, and times each one until its edition's summary counts it.
 */
export const projectionLagCases = async (ctx: BenchContext): Promise<LatencyResult[]> => {
  const names = await ctx.freshTables('lag') // empty streams: nothing to catch up first
  const store = createDynamoEventStore({ doc: ctx.doc, tables: names })
  const readModels = createReadModels({ doc: ctx.doc, table: names.readModels })
  const total = ctx.size(20 * appendsPerSecond, 5 * appendsPerSecond)
  const editions = Math.ceil(total / laneCount / perEdition)
  const lanes: Lane[] = Array.from({ length: laneCount }, (_, j) => ({
    editions: Array.from({ length: editions }, (_, e) => `lag-${j}-${e}`),
    started: [],
    chain: Promise.resolve(),
  }))
  const shown = async (editionId: string) => {
    const found = await readModels.get(collections.editionSummary, editionId)
    return found ? summaryTally.parse(found.doc).tally.applications : -1
  }
  const appendMs: number[] = []
  const appendOne = async (lane: Lane, k: number) => {
    const editionId = editionAt(lane, k)
    const event = applicationSubmitted(uuidv7(), uuidv7(), { editionId })
    const streamId = editionStreamId(editionId)
    const started = (lane.started[k] = performance.now())
    await store.append([{ streamId, expectedVersion: 1 + (k % perEdition), events: [event] }],
      { metadata })
    appendMs.push(performance.now() - started)
  }
  const pipeline = await startStreamPipeline(ctx, names, pollerIntervalMs)
  try {
    // The editions open, and show, before the clock starts: the pipeline is warm.
    const editionIds = lanes.flatMap((lane) => lane.editions)
    await Promise.all(editionIds.map((id) => store.append(
      [{ streamId: editionStreamId(id), expectedVersion: 0, events: [editionOpened(id, 1000)] }],
      { metadata })))
    for (const id of editionIds) while ((await shown(id)) < 0) await sleep(watchEveryMs)

    let failure: unknown
    const watcher = watch(lanes, total, shown)
    watcher.catch((error: unknown) => void (failure ??= error))
    const t0 = performance.now()
    for (let i = 0; i < total && failure === undefined; i++) {
      const wait = t0 + (i * 1000) / appendsPerSecond - performance.now()
      if (wait > 0) await sleep(wait)
      const lane = lanes[i % laneCount] as Lane
      const k = Math.floor(i / laneCount)
      lane.chain = lane.chain.then(() => appendOne(lane, k))
      lane.chain.catch((error: unknown) => void (failure ??= error))
    }
    await Promise.allSettled([...lanes.map((lane) => lane.chain), watcher])
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error('a lane failed', { cause: failure })
    const lags = await watcher
    const starts = lanes.flatMap((lane) => lane.started)
    const rate = (starts.length - 1) / ((Math.max(...starts) - Math.min(...starts)) / 1000)
    return [{
      name: 'projection lag (append → edition summary)',
      p50Ms: percentile(lags, 0.5),
      p99Ms: percentile(lags, 0.99),
      samples: lags.length,
      targetP99Ms: 1000,
      note: `${total} application.submitted appended through the event store at ` +
        `${appendsPerSecond}/s (achieved ${rate.toFixed(1)}/s; append p50 ` +
        `${percentile(appendMs, 0.5).toFixed(0)} ms) by ${laneCount} writers, each on its own ` +
        `editions of ${perEdition} applications; timed from the append call until ` +
        'createReadModels().get of the edition summary counts it (one reader, polling every ' +
        `${watchEveryMs} ms); real indexer and projector (6 projections) on the Events and ` +
        `Feed streams via local/stream-poller.ts with intervalMs ${pollerIntervalMs} ms ` +
        '(npm start uses the 250 ms default); on a DynamoDB Local of its own (run.ts)',
    }]
  } finally {
    await pipeline.stop()
  }
}
