import type { DocKey, FeedEvent } from '../../domain/projections/projection.js'
import type { FeedReader } from '../feed/feed.js'
import { silentLogger, type WorkerLogger } from '../feed/worker-logger.js'
import { evolveEvent, type AnyProjection, type DocCache } from '../projector/fold.js'
import type { DocChange, StoredDoc } from '../projector/read-model-layout.js'
import type { ReadModelStore } from '../projector/read-model-store.js'
import { runProjections } from '../projector/run-projections.js'

export interface RebuildOptions {
  readonly feed: FeedReader
  readonly store: ReadModelStore
  readonly projections: readonly AnyProjection[]
  /** Feed events read per page. */
  readonly batchSize?: number
  /** Events folded in memory between two bulk writes (and checkpoints). */
  readonly flushEvery?: number
  readonly logger?: WorkerLogger
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

/** Every projection's documents in memory, and which changed since the last bulk write. */
interface Fold {
  readonly caches: Map<string, DocCache>
  readonly dirty: Map<string, Map<string, DocKey>>
}

const foldPage = (
  fold: Fold,
  projections: readonly AnyProjection[],
  page: readonly FeedEvent[],
) => {
  for (const projection of projections) {
    const cache = fold.caches.get(projection.name) as DocCache
    const dirty = fold.dirty.get(projection.name) as Map<string, DocKey>
    for (const event of page) {
      for (const [id, { key, stored }] of evolveEvent(projection, event, cache)) {
        cache.set(id, stored)
        dirty.set(id, key)
      }
    }
  }
}

/** Bulk-writes what changed, then (only then) every checkpoint at `position`. */
const flush = async (store: ReadModelStore, generation: number, fold: Fold, position: number) => {
  const changes: DocChange[] = []
  for (const [name, dirty] of fold.dirty) {
    const cache = fold.caches.get(name) as DocCache
    for (const [id, key] of dirty) changes.push({ key, ...(cache.get(id) as StoredDoc) })
    dirty.clear()
  }
  await store.writeDocs(generation, changes)
  const names = [...fold.caches.keys()]
  await store.setCheckpoints(generation, new Map(names.map((name) => [name, position])))
}

/**
 * Replays the whole Feed into a fresh generation while everyone keeps reading the current
 * one: folds in memory, writes documents in bulk (BatchWriteItem), then catches up to the
 * head with the live projector's transactions and switches the pointer atomically, only
 * if it still names the generation it started from.
 *
 * @example const { eventsPerSecond } = await rebuild({ feed, store, projections })
 */
export const rebuild = async (options: RebuildOptions): Promise<RebuildResult> => {
  const { feed, store, projections, batchSize = 1_000, flushEvery = 10_000 } = options
  const { logger = silentLogger, now = Date.now } = options
  const started = now()
  const previous = await store.currentGeneration()
  const generation = await store.allocateGeneration(previous)
  logger.info('rebuild started', { previous, generation })
  const fold: Fold = {
    caches: new Map(projections.map((p) => [p.name, new Map() as DocCache])),
    dirty: new Map(projections.map((p) => [p.name, new Map<string, DocKey>()])),
  }
  let position = 0
  let sinceFlush = 0
  let events = 0
  let next = feed.read({ after: 0, limit: batchSize })
  for (;;) {
    const page = await next
    if (page.length === 0) break
    position = (page.at(-1) as FeedEvent).position
    next = feed.read({ after: position, limit: batchSize }) // read ahead while folding
    next.catch(() => {}) // awaited on the next turn; a failure must not go unhandled meanwhile
    foldPage(fold, projections, page)
    events += page.length
    sinceFlush += page.length
    if (sinceFlush >= flushEvery) {
      await flush(store, generation, fold, position)
      sinceFlush = 0
      logger.info('rebuild progress', { generation, position })
    }
  }
  await flush(store, generation, fold, position)

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
  logger.info('rebuild switched', { previous, generation, events, position, ms, eventsPerSecond })
  return { previous, generation, events, position, ms, eventsPerSecond }
}
