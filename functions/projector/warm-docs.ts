import type { DocCache } from './fold.js'

/**
 * The documents a projector keeps from one page to the next, and from one run to the
 * next: those it folded and committed itself, so that a page loads only the documents it
 * has not seen (an edition's summary is read once, not on every page). They are valid
 * only while the projection's checkpoint is where they left it: a commit succeeds only
 * from the checkpoint it read, so no one else changed them meanwhile.
 *
 * @example
 *   const docs = warm.docsFor(generation, 'edition-summary', checkpoint)
 *   // fold, commit up to `to`, then:
 *   warm.committed('edition-summary', to)
 */
export interface WarmDocs {
  /** The projection's documents as of `checkpoint` in `generation`, or a fresh cache. */
  docsFor(generation: number, projection: string, checkpoint: number): DocCache
  /** Everything up to `position` is committed: the documents are the stored ones. */
  committed(projection: string, position: number): void
  /** Drops them: a commit failed or lost a race, so they may be ahead of the store. */
  forget(projection: string): void
}

/** Beyond this many documents of one projection, start over: memory stays bounded. */
const defaultMaxDocs = 5_000

export const createWarmDocs = (maxDocs = defaultMaxDocs): WarmDocs => {
  const entries = new Map<string, { generation: number; position: number; docs: DocCache }>()
  return {
    docsFor(generation, projection, checkpoint) {
      const entry = entries.get(projection)
      const valid = entry?.generation === generation && entry.position === checkpoint
      if (entry && valid && entry.docs.size <= maxDocs) return entry.docs
      const docs: DocCache = new Map()
      entries.set(projection, { generation, position: checkpoint, docs })
      return docs
    },
    committed(projection, position) {
      const entry = entries.get(projection)
      if (entry) entry.position = position
    },
    forget(projection) {
      entries.delete(projection)
    },
  }
}
