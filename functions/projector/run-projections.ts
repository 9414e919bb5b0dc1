import { setTimeout } from 'node:timers/promises'
import type { DocKey, FeedEvent } from '../../domain/projections/projection.js'
import type { FeedReader } from '../feed/feed.js'
import { errorMessage } from '../shared/error-message.js'
import { silentLogger, type Logger } from '../shared/logger.js'
import {
  type AnyProjection,
  type DocCache,
  foldCommit,
  keysTouched,
  ProjectionTooWideError,
  tooLarge,
} from './fold.js'
import { asFunction } from '../shared/function-scope.js'
import { docId } from './read-model-layout.js'
import type { ReadModelStore } from './read-model-store.js'
import { createWarmDocs, type WarmDocs } from './warm-docs.js'

export interface RunProjectionsOptions {
  readonly feed: FeedReader
  readonly store: ReadModelStore
  readonly projections: readonly AnyProjection[]
  /** The generation to fold into; the current one (re-read on every run) by default. */
  readonly generation?: number
  /** Feed events read per page. */
  readonly batchSize?: number
  /** Stop starting new pages once this returns true (a Lambda's remaining time). */
  readonly shouldStop?: () => boolean
  /** Documents kept from an earlier run (see warm-docs.ts); a fresh set by default. */
  readonly warm?: WarmDocs
  readonly logger?: Logger
}

export interface RunProjectionsResult {
  readonly generation: number
  /** Each projection's checkpoint after the run. */
  readonly checkpoints: Record<string, number>
  /** The lowest checkpoint: every read model holds everything up to it. */
  readonly position: number
  /** Feed events gone over, from the lowest checkpoint to the furthest page read. */
  readonly events: number
  /** True when every projection reached the end of the Feed (or left it to another run). */
  readonly caughtUp: boolean
  /** Projections that failed (they stay at their checkpoint until the next run). */
  readonly failures: ReadonlyArray<{ readonly projection: string; readonly error: string }>
}

/** Puts the stored state of `keys` in the cache (absent ones as known absent). */
const load = async (
  store: ReadModelStore,
  generation: number,
  keys: readonly DocKey[],
  docs: DocCache,
) => {
  const found = await store.loadDocs(generation, keys)
  for (const key of keys) docs.set(docId(key), undefined)
  for (const [id, stored] of found) docs.set(id, stored)
}

/** One projection's share of a page, and the documents it has in memory already. */
interface Share {
  readonly projection: AnyProjection
  readonly events: readonly FeedEvent[]
  readonly checkpoint: number
  readonly docs: DocCache
}

/**
 * Folds one projection's share of a page: loads the documents its events touch that are
 * not in memory yet, then folds and writes one commit at a time with its checkpoint
 * (reported through `committed`), so no document changes while its write is in flight.
 * Returns false if another worker moved the checkpoint first (it is on it: leave it the
 * work).
 */
const project = async (
  store: ReadModelStore,
  generation: number,
  { projection, events, checkpoint, docs }: Share,
  committed: (position: number) => void,
): Promise<boolean> => {
  const missing = keysTouched(projection, events).filter((key) => !docs.has(docId(key)))
  if (missing.length > 0) await load(store, generation, missing, docs)
  let from = checkpoint
  for (let rest = events; rest.length > 0; ) {
    let commit = foldCommit(projection, rest, docs)
    // Too many bytes for one transaction (rare: large documents): the store still holds
    // these documents as they were at `from`, so reload them and fold fewer events.
    while (tooLarge(commit)) {
      const position = rest[0]?.position ?? from
      if (commit.folded === 1) throw new ProjectionTooWideError(projection.name, position)
      await load(store, generation, commit.docs.map((change) => change.key), docs)
      commit = foldCommit(projection, rest.slice(0, Math.ceil(commit.folded / 2)), docs)
    }
    const change = { from, to: commit.to, docs: commit.docs }
    if (!(await store.commit(generation, projection.name, change))) return false
    from = commit.to
    committed(from)
    rest = rest.slice(commit.folded)
  }
  return true
}

/** How often a projection at the Feed's end looks again while others are still busy. */
const tailEveryMs = 25

/**
 * The Feed's pages, read once for the projections that ask for the same page at the same
 * time (those that move in step).
 */
const sharedPages = (feed: FeedReader, limit: number) => {
  const inFlight = new Map<number, Promise<FeedEvent[]>>()
  return (after: number): Promise<FeedEvent[]> => {
    const known = inFlight.get(after)
    if (known) return known
    const page = feed.read({ after, limit })
    inFlight.set(after, page)
    page.then(() => inFlight.delete(after), () => inFlight.delete(after))
    return page
  }
}

/**
 * Runs projections over the Feed into the ReadModels until they reach its end. Each
 * projection goes at its own pace from its own checkpoint (a slow one holds no other
 * back): it reads a page, folds it and writes documents and checkpoint atomically
 * (idempotent by position, safe to kill at any point and to run twice at once). A failing
 * projection stops alone.
 *
 * @example const { position } = await runProjections({ feed, store, projections })
 */
export const runProjections = asFunction('projector', async (
  options: RunProjectionsOptions,
): Promise<RunProjectionsResult> => {
  const { feed, store, projections, batchSize = 500, shouldStop = () => false } = options
  const { logger = silentLogger, warm = createWarmDocs() } = options
  const generation = options.generation ?? (await store.currentGeneration())
  const checkpoints = await store.checkpoints(generation, projections.map((p) => p.name))
  const failures: Array<{ projection: string; error: string }> = []
  const read = sharedPages(feed, batchSize)
  const start = projections.length > 0 ? Math.min(...checkpoints.values()) : 0
  let reached = start
  /** Projections at the Feed's end, or done: the run ends when all of them are. */
  const idle = new Set<string>()

  /** True once at the Feed's end, or leaving the work to a run that got there first. */
  const follow = async (projection: AnyProjection): Promise<boolean> => {
    const { name } = projection
    while (!shouldStop()) {
      const checkpoint = checkpoints.get(name) ?? 0
      const events = await read(checkpoint)
      if (events.length === 0) {
        idle.add(name)
        if (idle.size === projections.length) return true
        // Others are still busy: keep up with what arrives meanwhile rather than wait for
        // the next run, which starts only when they are done.
        await setTimeout(tailEveryMs)
        continue
      }
      idle.delete(name)
      reached = Math.max(reached, (events.at(-1) as FeedEvent).position)
      const docs = warm.docsFor(generation, name, checkpoint)
      const committed = (position: number) => {
        checkpoints.set(name, position)
        warm.committed(name, position)
      }
      try {
        if (await project(store, generation, { projection, events, checkpoint, docs }, committed)) {
          continue
        }
        warm.forget(name)
        idle.add(name)
        logger.info('checkpoint moved by another run: leaving it the work', { name })
        return true
      } catch (error: unknown) {
        warm.forget(name)
        idle.add(name)
        failures.push({ projection: name, error: errorMessage(error) })
        logger.error('projection failed', { name, generation, error: errorMessage(error) })
        return false
      }
    }
    return false
  }

  const caughtUp = (await Promise.all(projections.map(follow))).every(Boolean)
  const values = [...checkpoints.values()]
  return {
    generation,
    checkpoints: Object.fromEntries(checkpoints),
    position: values.length ? Math.min(...values) : 0,
    events: reached - start,
    caughtUp,
    failures,
  }
})
