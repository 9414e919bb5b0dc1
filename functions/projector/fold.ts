import type { DocKey, FeedEvent, Projection } from '../../domain/projections/projection.js'
import { itemBytes, maxTransactionBytes, maxTransactionItems } from '../store/limits.js'
import { docId, type DocChange, type StoredDoc } from './read-model-layout.js'

/** Any projection, whatever its document type (evolve's parameter is checked bivariantly). */
export type AnyProjection = Projection<unknown>

/** Documents in memory by docId; `undefined` = known not to exist. */
export type DocCache = Map<string, StoredDoc | undefined>

/** The documents one event changes, by docId. */
type Updates = Map<string, { readonly key: DocKey; readonly stored: StoredDoc }>

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
 * What `event` makes of the documents it touches, without changing `docs`. A document
 * already at or past the event's position has seen it (a replay) and is left alone.
 */
export const evolveEvent = (
  projection: AnyProjection,
  event: FeedEvent,
  docs: ReadonlyMap<string, StoredDoc | undefined>,
): Updates => {
  const updates: Updates = new Map()
  if (!handles(projection, event)) return updates
  for (const key of projection.keysOf(event)) {
    const id = docId(key)
    const current = updates.get(id)?.stored ?? docs.get(id)
    if (current && current.position >= event.position) continue
    const doc = projection.evolve(current?.doc, event, key)
    updates.set(id, { key, stored: { doc, position: event.position } })
  }
  return updates
}

/** A transaction's worth of a fold: documents changed by a prefix of events, up to `to`. */
export interface Commit {
  readonly to: number
  readonly docs: DocChange[]
}

const docBytes = (key: DocKey, stored: StoredDoc) =>
  itemBytes({ doc: stored.doc ?? null }) + key.collection.length + key.id.length + 64

const maxDocs = maxTransactionItems - 1 // the checkpoint takes the last slot
const maxBytes = maxTransactionBytes - 64 * 1024

/**
 * Folds a run of consecutive Feed events into `docs` and cuts the result into commits that
 * each fit one transaction with their checkpoint: the documents changed by a prefix of the
 * events, and that prefix's last position. Events the projection ignores still move the
 * checkpoint, so there is always a last commit up to the last event.
 *
 * @example foldBatch(counts, events, cache) // [{ to: 42, docs: [{ key, doc, position }] }]
 */
export const foldBatch = (
  projection: AnyProjection,
  events: readonly FeedEvent[],
  docs: DocCache,
): Commit[] => {
  const commits: Commit[] = []
  const dirty = new Map<string, { key: DocKey; bytes: number }>()
  let bytes = 0
  let last = 0
  const flush = () => {
    commits.push({
      to: last,
      docs: [...dirty].map(([id, { key }]) => ({ key, ...(docs.get(id) as StoredDoc) })),
    })
    dirty.clear()
    bytes = 0
  }
  for (const event of events) {
    const updates = evolveEvent(projection, event, docs)
    const sized = [...updates].map(([id, { key, stored }]) =>
      ({ id, key, size: docBytes(key, stored) }))
    const count = dirty.size + sized.filter(({ id }) => !dirty.has(id)).length
    const growth = sized.reduce((sum, { id, size }) => sum + size - (dirty.get(id)?.bytes ?? 0), 0)
    const grown = bytes + growth
    if ((count > maxDocs || grown > maxBytes) && dirty.size > 0) flush()
    const alone = sized.reduce((sum, { size }) => sum + size, 0)
    if (sized.length > maxDocs || alone > maxBytes) {
      throw new ProjectionTooWideError(projection.name, event.position)
    }
    for (const { id, key, size } of sized) {
      docs.set(id, updates.get(id)?.stored)
      bytes += size - (dirty.get(id)?.bytes ?? 0)
      dirty.set(id, { key, bytes: size })
    }
    last = event.position
  }
  if (events.length > 0) flush()
  return commits
}
