import { setTimeout as sleep } from 'node:timers/promises'
import { v7 as uuidv7 } from 'uuid'
import { z } from 'zod'
import { editionStreamId } from '../../domain/edition/index.js'
import { collections, type FeedEvent } from '../../domain/projections/index.js'
import { createDynamoFeed } from '../../functions/feed/dynamo-feed.js'
import type { FeedReader } from '../../functions/feed/feed.js'
import { createReadModels } from '../../functions/queries/read-models.js'
import { createDynamoEventStore } from '../../functions/store/dynamo-event-store.js'
import { applicationSubmitted, editionOpened } from '../fixtures/events.js'
import type { BenchContext } from '../context.js'
import { percentile } from '../interleave.js'
import { startStreamPipeline } from '../fixtures/stream-pipeline.js'
import type { LatencyResult } from '../report.js'

const pollerIntervalMs = 100
const watchEveryMs = 10
const appendsPerSecond = 50
/** Applications per edition: the watcher reads one edition's summary, kept to a real size. */
const perEdition = 200
const stallMs = 30_000
const metadata = { correlationId: 'bench', actor: 'bench' }
/** The summary's applications by id: which appends it has counted, exactly. */
const summaryApplications = z.object({ applications: z.record(z.string(), z.unknown()) })

/** Per append, by its rank in the schedule: when it was called, its application, when seen. */
interface Appends {
  readonly started: number[]
  readonly applicationIds: string[]
  readonly seenAt: number[]
}

const editionAt = (i: number) => `lag-${Math.floor(i / perEdition)}`

/**
 * One reader: every ~10 ms it reads the summaries of the editions that have appends not
 * seen yet (one or two: editions fill one after the other) and marks the applications they
 * count; after progress it looks again at once. Resolves when all `total` are seen.
 */
const watch = async (
  appends: Appends,
  total: number,
  counted: (editionId: string) => Promise<ReadonlySet<string>>,
) => {
  let progressAt = performance.now()
  for (let oldest = 0; oldest < total; ) {
    const waiting = new Set<string>()
    for (let i = oldest; i < appends.started.length; i++) {
      if (appends.seenAt[i] === undefined) waiting.add(editionAt(i))
    }
    const seen = await Promise.all([...waiting].map(async (id) => [id, await counted(id)] as const))
    const now = performance.now()
    const byEdition = new Map(seen)
    let progress = false
    for (let i = oldest; i < appends.started.length; i++) {
      const id = appends.applicationIds[i]
      if (appends.seenAt[i] !== undefined || id === undefined) continue
      if (!byEdition.get(editionAt(i))?.has(id)) continue
      appends.seenAt[i] = now
      progress = true
    }
    while (oldest < total && appends.seenAt[oldest] !== undefined) oldest++
    if (progress) progressAt = now
    else await sleep(watchEveryMs)
    if (now - progressAt > stallMs) throw new Error(`projection lag: stuck at ${oldest} of ${total}`)
  }
}

/** When the Feed's head first reached each position, polled as often as the summaries. */
const watchHead = (feed: FeedReader) => {
  const reachedAt: number[] = []
  let head = 0
  let watching = true
  const done = (async () => {
    while (watching) {
      const now = await feed.head()
      const at = performance.now()
      for (; head < now; head++) reachedAt[head + 1] = at
      await sleep(watchEveryMs)
    }
  })()
  return { reachedAt, stop: () => ((watching = false), done) }
}

/** Each application's Feed position, by application id. */
const positions = async (feed: FeedReader) => {
  const byId = new Map<string, number>()
  for (let page = await feed.read({ after: 0, limit: 1_000 }); page.length > 0; ) {
    for (const event of page) {
      if (event.type === 'application.submitted') byId.set(event.data.applicationId, event.position)
    }
    page = await feed.read({ after: (page.at(-1) as FeedEvent).position, limit: 1_000 })
  }
  return byId
}

/**
 * Appends applications at a steady rate through the event store while the real indexer and
 * projector run on the streams, and times each one until its edition's summary counts it.
 * Open loop: each application is a stream of its own, so an append starts on schedule
 * whether or not the ones before it are done (a slow append does not lower the rate).
 */
export const projectionLagCases = async (ctx: BenchContext): Promise<LatencyResult[]> => {
  const names = await ctx.freshTables('lag') // empty streams: nothing to catch up first
  const store = createDynamoEventStore({ doc: ctx.doc, tables: names, personalData: ctx.personalData })
  const readModels = createReadModels({ doc: ctx.doc, table: names.readModels })
  const total = ctx.size(20 * appendsPerSecond, 5 * appendsPerSecond)
  const appends: Appends = { started: [], applicationIds: [], seenAt: [] }
  const counted = async (editionId: string): Promise<ReadonlySet<string>> => {
    const found = await readModels.get(collections.editionSummary, editionId)
    return new Set(found ? Object.keys(summaryApplications.parse(found.doc).applications) : [])
  }
  const opened = async (editionId: string) =>
    (await readModels.get(collections.editionSummary, editionId)) !== undefined
  const appendMs: number[] = []
  // An application's life is a stream of its own (`application-<applicationId>`), as the
  // public registration writes it: it starts at version 1.
  const appendOne = async (i: number) => {
    const applicationId = uuidv7()
    const event = applicationSubmitted(applicationId, uuidv7(), { editionId: editionAt(i) })
    const streamId = `application-${applicationId}`
    appends.applicationIds[i] = applicationId
    const started = (appends.started[i] = performance.now())
    await store.append([{ streamId, expectedVersion: 0, events: [event] }], { metadata })
    appendMs.push(performance.now() - started)
  }
  const feed = createDynamoFeed({ doc: ctx.doc, table: names.feed })
  const pipeline = await startStreamPipeline(ctx, names, pollerIntervalMs)
  try {
    // The editions open, and show, before the clock starts: the pipeline is warm.
    const editionIds = [...new Set(Array.from({ length: total }, (_, i) => editionAt(i)))]
    await Promise.all(editionIds.map((id) => store.append(
      [{ streamId: editionStreamId(id), expectedVersion: 0, events: [editionOpened(id, 1000)] }],
      { metadata })))
    for (const id of editionIds) while (!(await opened(id))) await sleep(watchEveryMs)

    let failure: unknown
    const head = watchHead(feed)
    const watcher = watch(appends, total, counted)
    watcher.catch((error: unknown) => void (failure ??= error))
    const inFlight: Array<Promise<void>> = []
    const t0 = performance.now()
    for (let i = 0; i < total && failure === undefined; i++) {
      const wait = t0 + (i * 1000) / appendsPerSecond - performance.now()
      if (wait > 0) await sleep(wait)
      const append = appendOne(i)
      append.catch((error: unknown) => void (failure ??= error))
      inFlight.push(append)
    }
    await Promise.allSettled([...inFlight, watcher])
    await head.stop()
    if (failure !== undefined) {
      throw failure instanceof Error ? failure : new Error('an append failed', { cause: failure })
    }
    // Each append's lag, cut where its event reached the Feed (the indexer's share before).
    const positionOf = await positions(feed)
    const laps = appends.started.map((started, i) => {
      const seen = appends.seenAt[i] as number
      const position = positionOf.get(appends.applicationIds[i] as string) ?? 0
      const inFeed = Math.min(head.reachedAt[position] ?? seen, seen)
      return { total: seen - started, toFeed: inFeed - started, fromFeed: seen - inFeed }
    })
    const starts = appends.started
    const rate = (starts.length - 1) / ((Math.max(...starts) - Math.min(...starts)) / 1000)
    const result = (name: string, lags: number[], rest: Partial<LatencyResult> = {}) => ({
      name, p50Ms: percentile(lags, 0.5), p99Ms: percentile(lags, 0.99), samples: lags.length,
      ...rest,
    })
    return [
      result('projection lag (append → edition summary)', laps.map((lap) => lap.total), {
        targetP99Ms: 1000,
        note: `${total} application.submitted appended through the event store at ` +
          `${appendsPerSecond}/s (achieved ${rate.toFixed(1)}/s; append p50 ` +
          `${percentile(appendMs, 0.5).toFixed(0)} ms, p99 ${percentile(appendMs, 0.99).toFixed(0)} ` +
          'ms), each in its own application stream, started on schedule whatever the earlier ' +
          `ones' progress (open loop), to editions of ${perEdition} applications in turn; ` +
          'timed from the append call until createReadModels().get of the edition summary ' +
          `lists it (one reader, polling every ${watchEveryMs} ms); real indexer and ` +
          'projector (6 projections) on the Events and Feed streams via ' +
          `local/stream-poller.ts with intervalMs ${pollerIntervalMs} ms (npm start uses the ` +
          '250 ms default); on a DynamoDB Local of its own (run.ts). The two rows below ' +
          'split each lag where the Feed head reached its event (polled every ' +
          `${watchEveryMs} ms)`,
      }),
      result('… append → in the Feed (store, Events stream, indexer)',
        laps.map((lap) => lap.toFeed)),
      result('… in the Feed → edition summary (Feed stream, projector)',
        laps.map((lap) => lap.fromFeed)),
    ]
  } finally {
    await pipeline.stop()
  }
}
