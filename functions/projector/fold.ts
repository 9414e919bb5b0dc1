import type { DocKey, FeedEvent, Projection } from '../../domain/projections/projection.js'
import { itemBytes, maxTransactionBytes, maxTransactionItems } from '../store/limits.js'
import { docId, type DocChange, type StoredDoc } from './read-model-layout.js'

/** Any projection, whatever its document type (evolve's parameter is checked bivariantly). */
export type AnyProjection = Projection<unknown>

/**
 * Documents in memory by docId, each with the position of the last event folded into it;
 * `undefined` = known not to exist. The cache owns these documents: folds change them in
 * place (they are `evolve`'s drafts), so nothing else may hold on to them.
 */
export type DocCache = Map<string, StoredDoc | undefined>

/** One event touches more documents than a transaction holds beside its checkpoint. */
export class ProjectionTooWideError extends Error {
  override readonly name = 'ProjectionTooWideError'
  constructor(readonly projection: string, readonly position: number) {
    super(`Projection ${projection} changes too many or too large documents at ${position}`)
  }
}

export const handles = (projection: AnyProjection, event: FeedEvent): boolean =>
  projection.eventTypes.includes(event.type)

/** The documents the events touch (each once), to load before folding. */
export const keysTouched = (projection: AnyProjection, events: readonly FeedEvent[]): DocKey[] => {
  const keys = new Map<string, DocKey>()
  for (const event of events) {
    if (!handles(projection, event)) continue
    for (const key of projection.keysOf(event)) keys.set(docId(key), key)
  }
  return [...keys.values()]
}

/**
 * Folds `event` into the documents it touches, in place in `docs` (which must hold every
 * one of them, loaded or known absent). A document already at or past the event's position
 * has seen it (a replay) and is left alone. Returns the keys of the documents it changed.
 *
 * @example for (const key of foldEvent(projection, event, cache)) dirty.set(docId(key), key)
 */
export const foldEvent = (
  projection: AnyProjection,
  event: FeedEvent,
  docs: DocCache,
): DocKey[] => {
  const changed: DocKey[] = []
  if (!handles(projection, event)) return changed
  for (const key of projection.keysOf(event)) {
    const id = docId(key)
    const current = docs.get(id)
    if (current && current.position >= event.position) continue
    docs.set(id, { doc: projection.evolve(current?.doc, event, key), position: event.position })
    changed.push(key)
  }
  return changed
}

/**
 * A document as it is to be written: as the cache holds it now, hidden from readers while
 * the projection says it is not public yet.
 */
export const changeOf = (projection: AnyProjection, key: DocKey, stored: StoredDoc): DocChange => {
  const { doc, position } = stored
  const hidden = doc !== undefined && projection.isPublic !== undefined && !projection.isPublic(doc)
  return { key, doc, position, ...(hidden ? { hidden } : {}) }
}

/** A transaction's worth of a fold: the documents changed by the first `folded` events. */
export interface Commit {
  /** The last of those events' position: where the checkpoint moves. */
  readonly to: number
  readonly folded: number
  readonly docs: DocChange[]
}

/** The checkpoint takes the transaction's last slot. */
export const maxCommitDocs = maxTransactionItems - 1
const maxCommitBytes = maxTransactionBytes - 64 * 1024

/**
 * Folds, in place into `docs`, the longest run of `events` (at least one) whose changed
 * documents fit one transaction beside the checkpoint, and returns them. The count is
 * checked from each event's keys before folding it, so no document ever holds an event
 * past the commit. Events the projection ignores still move the checkpoint.
 *
 * @example const { to, docs: changes } = foldCommit(projection, page, cache)
 */
export const foldCommit = (
  projection: AnyProjection,
  events: readonly FeedEvent[],
  docs: DocCache,
  maxDocs = maxCommitDocs,
): Commit => {
  const dirty = new Map<string, DocKey>()
  let folded = 0
  for (const event of events) {
    if (handles(projection, event)) {
      const ids = new Set(projection.keysOf(event).map(docId))
      if (ids.size > maxDocs) throw new ProjectionTooWideError(projection.name, event.position)
      let fresh = 0
      for (const id of ids) if (!dirty.has(id)) fresh += 1
      if (dirty.size + fresh > maxDocs) break
      for (const key of foldEvent(projection, event, docs)) dirty.set(docId(key), key)
    }
    folded += 1
  }
  const to = events[folded - 1]?.position ?? 0
  const changes = [...dirty].map(([id, key]) =>
    changeOf(projection, key, docs.get(id) as StoredDoc))
  return { to, folded, docs: changes }
}

const changeBytes = ({ key, doc }: DocChange) =>
  itemBytes({ doc: doc ?? null }) + key.collection.length + key.id.length + 64

/**
 * Whether a commit's documents are too large for one transaction (measured once per
 * commit, as writing them costs anyway: never per event).
 */
export const tooLarge = (commit: Commit): boolean => {
  let bytes = 0
  for (const change of commit.docs) bytes += changeBytes(change)
  return bytes > maxCommitBytes
}
