import type { FeedEvent } from '../../domain/projections/projection.js'
import type { FeedReader } from '../feed/feed.js'
import { errorMessage, silentLogger, type WorkerLogger } from '../feed/worker-logger.js'
import type { DocKey } from '../../domain/projections/projection.js'
import {
  type AnyProjection,
  type DocCache,
  foldCommit,
  keysTouched,
  ProjectionTooWideError,
  tooLarge,
} from './fold.js'
import { docId } from './read-model-layout.js'
import type { ReadModelStore } from './read-model-store.js'

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
  readonly logger?: WorkerLogger
}

export interface RunProjectionsResult {
  readonly generation: number
  /** Each projection's checkpoint after the run. */
  readonly checkpoints: Record<string, number>
  /** The lowest checkpoint: every read model holds everything up to it. */
  readonly position: number
  /** Feed events read. */
  readonly events: number
  /** True when every projection that could go on reached the end of the Feed. */
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

/**
 * Folds one projection's share of a page: loads the documents its events touch, then
 * folds and writes one commit at a time with its checkpoint (reported through
 * `committed`), so no document changes while its write is in flight. Returns false if
 * another worker moved the checkpoint first (it is on it: leave it the work).
 */
const project = async (
  store: ReadModelStore,
  generation: number,
  projection: AnyProjection,
  events: readonly FeedEvent[],
  checkpoint: number,
  committed: (position: number) => void,
): Promise<boolean> => {
  const docs: DocCache = new Map()
  await load(store, generation, keysTouched(projection, events), docs)
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

/**
 * Runs projections over the Feed into the ReadModels until they reach its end: reads a
 * page after the lowest checkpoint, and lets each projection fold the events past its own
 * checkpoint, writing documents and checkpoint atomically (idempotent by position, safe to
 * kill at any point and to run twice at once). A failing projection stops alone.
 *
 * @example const { position } = await runProjections({ feed, store, projections })
 */
export const runProjections = async (
  options: RunProjectionsOptions,
): Promise<RunProjectionsResult> => {
  const { feed, store, projections, batchSize = 500, shouldStop = () => false } = options
  const logger = options.logger ?? silentLogger
  const generation = options.generation ?? (await store.currentGeneration())
  const checkpoints = await store.checkpoints(generation, projections.map((p) => p.name))
  const failures: Array<{ projection: string; error: string }> = []
  let active = [...projections]
  let events = 0
  let caughtUp = false

  while (active.length > 0 && !shouldStop()) {
    const after = Math.min(...active.map((p) => checkpoints.get(p.name) ?? 0))
    const page = await feed.read({ after, limit: batchSize })
    if (page.length === 0) {
      caughtUp = true
      break
    }
    events += page.length
    const outcomes = await Promise.all(active.map(async (projection) => {
      const { name } = projection
      const checkpoint = checkpoints.get(name) ?? 0
      const own = page.filter((event) => event.position > checkpoint)
      if (own.length === 0) return true
      try {
        const done = await project(store, generation, projection, own, checkpoint,
          (position) => checkpoints.set(name, position))
        if (!done) logger.info('checkpoint moved by another run: leaving it the work', { name })
        return done
      } catch (error: unknown) {
        failures.push({ projection: name, error: errorMessage(error) })
        logger.error('projection failed', { name, generation, error: errorMessage(error) })
        return false
      }
    }))
    active = active.filter((_, i) => outcomes[i])
  }
  if (active.length === 0 && failures.length === 0) caughtUp = true
  const positions = Object.fromEntries(checkpoints)
  const values = [...checkpoints.values()]
  return {
    generation, checkpoints: positions, position: values.length ? Math.min(...values) : 0,
    events, caughtUp, failures,
  }
}
