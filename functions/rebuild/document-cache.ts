import type { DocKey } from '../../domain/projections/projection.js'
import { changeOf, type AnyProjection, type DocCache } from '../projector/fold.js'
import { docId, type DocChange, type StoredDoc } from '../projector/read-model-layout.js'

/** A document in memory: whose it is, and its id in its projection's DocCache. */
interface Slot {
  readonly projection: AnyProjection
  readonly key: DocKey
  readonly id: string
}

/**
 * The rebuild's documents in memory, at most a bounded number of them across all
 * projections. Each projection folds into its own DocCache (`docsOf`); one recency order
 * spans them all. `evict` forgets the least recently used and hands out those that
 * changed, to be written: a document is written when it leaves memory (or at the end),
 * so most documents are written once however many events change them.
 *
 * @example
 *   const cache = createDocumentCache(projections)
 *   const missing = cache.use(projection, keys) // then hold() each of them
 */
export const createDocumentCache = (projections: readonly AnyProjection[]) => {
  const caches = new Map<string, DocCache>(projections.map((p) => [p.name, new Map()]))
  /** Insertion order is recency: a use moves a slot to the end. */
  const recency = new Map<string, Slot>()
  const dirty = new Set<string>()
  const docsOf = (projection: AnyProjection) => caches.get(projection.name) as DocCache
  /** Across projections: two of them may name the same collection and id. */
  const slotId = (projection: AnyProjection, id: string) => `${projection.name}\u0001${id}`

  return {
    /** Documents in memory (known-absent ones included). */
    get size() {
      return recency.size
    },
    docsOf,
    slotId,
    /** Marks documents as just used; returns those not in memory, to `hold` before folding. */
    use(projection: AnyProjection, keys: readonly DocKey[]): DocKey[] {
      const missing: DocKey[] = []
      for (const key of keys) {
        const slot = slotId(projection, docId(key))
        const known = recency.get(slot)
        if (known === undefined) {
          missing.push(key)
          continue
        }
        recency.delete(slot)
        recency.set(slot, known)
      }
      return missing
    },
    /** Puts a document in memory as loaded (undefined: known not to exist). */
    hold(projection: AnyProjection, key: DocKey, stored: StoredDoc | undefined): void {
      const id = docId(key)
      docsOf(projection).set(id, stored)
      recency.set(slotId(projection, id), { projection, key, id })
    },
    /** Notes documents a fold changed, so they are written before they go. */
    touched(projection: AnyProjection, keys: readonly DocKey[]): void {
      for (const key of keys) dirty.add(slotId(projection, docId(key)))
    },
    /**
     * Forgets the least recently used documents until at most `size` remain, and returns
     * those of them that changed (by slot), to write. Nothing folds into them any more,
     * so they may be written while folding goes on.
     */
    evict(size: number): Map<string, DocChange> {
      const changes = new Map<string, DocChange>()
      for (const [slot, { projection, key, id }] of recency) {
        if (recency.size <= size) break
        const docs = docsOf(projection)
        const stored = docs.get(id) as StoredDoc
        if (dirty.delete(slot)) changes.set(slot, changeOf(projection, key, stored))
        recency.delete(slot)
        docs.delete(id)
      }
      return changes
    },
  }
}

export type DocumentCache = ReturnType<typeof createDocumentCache>
