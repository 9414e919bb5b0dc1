import type { DocKey } from '../../domain/projections/projection.js'

/**
 * The ReadModels table's items (functions/shared/tables.ts `readModels`: pk S, sk S).
 *
 * - a document:   `pk = 'g<generation>#<collection>'`, `sk = <id>`,
 *                 `{ doc, position, hidden? }`: the projection's document and the Feed
 *                 position of the last event folded into it (the projector skips events at
 *                 or below it, so a replay never applies an event twice to a document).
 *                 `hidden: true` while the projection says the document is not public yet
 *                 (it waits for the event that anchors it): readers see no such document.
 *                 One collection is one partition per generation: listing it is a Query.
 * - a checkpoint: `pk = 'checkpoint#g<generation>'`, `sk = <projection name>`,
 *                 `{ position }`: every event up to it is folded into that projection's
 *                 documents of that generation. Written in the same transaction as the
 *                 documents it covers, conditioned on its previous value.
 * - the pointer:  `pk = 'meta'`, `sk = 'current'`, `{ generation, allocated }`: the
 *                 generation every reader and the live projector use (absent = 1), and
 *                 the last generation handed to a rebuild (each rebuild gets a fresh one).
 *
 * A rebuild fills generation n+1 while everyone reads n, then moves the pointer with a
 * conditional update; old generations are left behind, unreferenced.
 */
export const firstGeneration = 1

export const pointerKey = { pk: 'meta', sk: 'current' } as const

export const docPk = (generation: number, collection: string): string =>
  `g${generation}#${collection}`

export const docItemKey = (generation: number, { collection, id }: DocKey) => ({
  pk: docPk(generation, collection),
  sk: id,
})

export const checkpointKey = (generation: number, projection: string) => ({
  pk: `checkpoint#g${generation}`,
  sk: projection,
})

/** One string per document, to key in-memory maps. */
export const docId = ({ collection, id }: DocKey): string => `${collection}\u0000${id}`

/** A document as stored, with the position of the last event folded into it. */
export interface StoredDoc {
  readonly doc: unknown
  readonly position: number
}

/** A document to write (or delete, when `doc` is undefined) after a fold. */
export interface DocChange {
  readonly key: DocKey
  readonly doc: unknown
  readonly position: number
  /** Kept for the projector, not shown to readers (see `hidden` above). */
  readonly hidden?: boolean
}
