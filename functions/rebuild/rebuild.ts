import type { DocKey, FeedEvent } from '../../domain/projections/projection.js'
import type { FeedReader } from '../feed/feed.js'
import { silentLogger, type Logger } from '../shared/logger.js'
import { foldEvent, keysTouched, type AnyProjection } from '../projector/fold.js'
import { docId, type DocChange, type StoredDoc } from '../projector/read-model-layout.js'
import type { ReadModelStore } from '../projector/read-model-store.js'
import { runProjections } from '../projector/run-projections.js'
import { asFunction } from '../shared/function-scope.js'
import { createDocumentCache, type DocumentCache } from './document-cache.js'
import { createWrittenFilter, type WrittenFilter } from './written-filter.js'

export interface RebuildOptions {
  readonly feed: FeedReader
  readonly store: ReadModelStore
  readonly projections: readonly AnyProjection[]
  /** Feed events read per page. */
  readonly batchSize?: number
  /**
   * Most documents kept in memory, all projections together: when full, the changed ones
   * are written and the least recently used evicted (loaded again if needed). Bounds the
   * rebuild's memory whatever the number of documents.
   */
  readonly cacheSize?: number
  readonly logger?: Logger
  readonly now?: () => number
}

export interface RebuildResult {
  /** The generation readers used before, and the one they use now. */
  readonly previous: number
  readonly generation: number
  /** Feed events replayed, and the position every projection reached before the switch. */
  readonly events: number
  readonly position: number
  readonly ms: number
  readonly eventsPerSecond: number
  /** How the document cache fared: its bound, the most it held, writes and reloads. */
  readonly cache: {
    readonly size: number
    readonly peak: number
    readonly batches: number
    readonly written: number
    readonly reloaded: number
  }
}

/** Someone else switched the pointer while we rebuilt: our generation is not published. */
export class GenerationMovedError extends Error {
  override readonly name = 'GenerationMovedError'
  constructor(
    readonly from: number,
    readonly generation: number,
  ) {
    super(`The read models left generation ${from} during the rebuild of ${generation}`)
  }
}

/** A projection failed while catching up: the new generation is not published. */
export class RebuildFailedError extends Error {
  override readonly name = 'RebuildFailedError'
  constructor(
    readonly generation: number,
    readonly failures: ReadonlyArray<{ projection: string; error: string }>,
  ) {
    const names = failures.map((failure) => failure.projection).join(', ')
    super(`Rebuild of generation ${generation} failed in ${names}`)
  }
}

/** One replay of the Feed into a generation, its document cache and its counters. */
interface Replay {
  readonly store: ReadModelStore
  readonly generation: number
  readonly projections: readonly AnyProjection[]
  readonly cache: DocumentCache
  readonly written: WrittenFilter
  readonly capacity: number
  readonly stats: { peak: number; batches: number; written: number; reloaded: number }
  /** The documents last evicted, being written while folding goes on. */
  writing: Promise<void>
}

/** Writes documents that left the cache, in bulk; they may be read back from then on. */
const write = (replay: Replay, changes: ReadonlyMap<string, DocChange>): Promise<void> => {
  for (const slot of changes.keys()) replay.written.add(slot)
  replay.stats.batches += 1
  replay.stats.written += changes.size
  return replay.store.writeDocs(replay.generation, [...changes.values()])
}

/**
 * Makes room for `count` more documents: evicts the least recently used down to half the
 * cache (or less, if `count` needs it) and starts writing those that changed. One such
 * write at a time, so memory holds at most the cache and one batch being written. The
 * `kept` most recently used stay whatever happens: the events about to fold need them.
 */
const makeRoom = async (replay: Replay, count: number, kept: number) => {
  await replay.writing
  const { capacity } = replay
  const size = Math.max(kept, Math.min(Math.floor(capacity / 2), capacity - count))
  const evicted = replay.cache.evict(size)
  replay.writing = write(replay, evicted)
  replay.writing.catch(() => {}) // awaited before the next load, eviction or the end
}

/**
 * Brings the documents the events touch into memory: makes room first if needed, then
 * loads those written earlier (once their write is done); the others are known absent.
 */
const bringIn = async (
  replay: Replay,
  keys: ReadonlyArray<readonly DocKey[]>,
  touched: number,
) => {
  const { cache, capacity, projections, written, store, generation } = replay
  // In memory already: now the most recently used, so the last to be evicted.
  const missing = projections.map((projection, i) => cache.use(projection, keys[i] ?? []))
  const count = missing.reduce((sum, some) => sum + some.length, 0)
  if (cache.size + count > capacity) await makeRoom(replay, count, touched - count)
  const wasWritten = (projection: AnyProjection) => (key: DocKey) =>
    written.mayHave(cache.slotId(projection, docId(key)))
  const toLoad = projections.map((projection, i) => missing[i]?.filter(wasWritten(projection)))
  if (toLoad.some((some) => some !== undefined && some.length > 0)) await replay.writing
  await Promise.all(projections.map(async (projection, i) => {
    const stored = toLoad[i] ?? []
    const found = stored.length > 0
      ? await store.loadDocs(generation, stored)
      : new Map<string, StoredDoc>()
    replay.stats.reloaded += found.size
    for (const key of missing[i] ?? []) cache.hold(projection, key, found.get(docId(key)))
  }))
  replay.stats.peak = Math.max(replay.stats.peak, cache.size)
}

/** Folds a run of events into the cache, halving it while its documents would not fit. */
const foldRun = async (replay: Replay, events: readonly FeedEvent[]): Promise<void> => {
  const { projections, cache, capacity } = replay
  const keys = projections.map((projection) => keysTouched(projection, events))
  const touched = keys.reduce((sum, some) => sum + some.length, 0)
  if (touched > capacity / 2 && events.length > 1) {
    const half = Math.ceil(events.length / 2)
    await foldRun(replay, events.slice(0, half))
    return foldRun(replay, events.slice(half))
  }
  if (touched > capacity) throw new RangeError(`cacheSize ${capacity} < ${touched} documents`)
  await bringIn(replay, keys, touched)
  for (const projection of projections) {
    const docs = cache.docsOf(projection)
    for (const event of events) cache.touched(projection, foldEvent(projection, event, docs))
  }
}

/**
 * Replays the whole Feed into a fresh generation while everyone keeps reading the current
 * one: folds in a bounded cache of documents, writes them in bulk (BatchWriteItem) as the
 * cache fills and at the end, then catches up to the head with the live projector's
 * transactions and switches the pointer atomically, only if it still names the generation
 * it started from. Memory stays flat however many documents the read models hold.
 *
 * @example const { eventsPerSecond } = await rebuild({ feed, store, projections })
 */
export const rebuild = asFunction('rebuild', async (options: RebuildOptions): Promise<RebuildResult> => {
  const { feed, store, projections, batchSize = 1_000, cacheSize = 20_000 } = options
  const { logger = silentLogger, now = Date.now } = options
  const started = now()
  const previous = await store.currentGeneration()
  const generation = await store.allocateGeneration(previous)
  logger.info('rebuild started', { previous, generation })
  const replay: Replay = {
    store, generation, projections, capacity: cacheSize,
    cache: createDocumentCache(projections),
    written: createWrittenFilter(),
    stats: { peak: 0, batches: 0, written: 0, reloaded: 0 },
    writing: Promise.resolve(),
  }
  let events = 0
  let position = 0
  let next = feed.read({ after: 0, limit: batchSize })
  for (;;) {
    const page = await next
    if (page.length === 0) break
    position = (page.at(-1) as FeedEvent).position
    next = feed.read({ after: position, limit: batchSize })
    next.catch(() => {}) // read ahead while folding; awaited on the next turn
    await foldRun(replay, page)
    events += page.length
  }
  // Everything still in memory, then (only then) the checkpoints the catch-up starts from.
  await replay.writing
  await write(replay, replay.cache.evict(0))
  await store.setCheckpoints(generation, new Map(projections.map(({ name }) => [name, position])))
  logger.info('rebuild replayed', { generation, position, ...replay.stats })

  // Catch up with what was recorded meanwhile, then publish.
  for (;;) {
    const run = await runProjections({ feed, store, projections, generation, batchSize })
    if (run.failures.length > 0) throw new RebuildFailedError(generation, run.failures)
    events += run.events
    position = run.position
    if (run.caughtUp) break
  }
  if (!(await store.switchGeneration(previous, generation))) {
    throw new GenerationMovedError(previous, generation)
  }
  // Events recorded between the last catch-up and the switch woke the projector on the
  // old generation: fold them into the new one now rather than at the next wake-up.
  const after = await runProjections({ feed, store, projections, generation, batchSize })
  if (after.failures.length > 0) logger.error('catch-up after the switch failed', { ...after })
  const ms = Math.max(1, now() - started)
  const eventsPerSecond = Math.round((events * 1_000) / ms)
  const cache = { size: cacheSize, ...replay.stats }
  logger.info('rebuild switched', { previous, generation, events, position, ms, eventsPerSecond })
  return { previous, generation, events, position, ms, eventsPerSecond, cache }
})
