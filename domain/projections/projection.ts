import type { EventEnvelope, EventType } from '../events/index.js'

/** An event as the Feed holds it: its envelope plus its global position (1, 2, 3 … no gaps). */
export type FeedEvent = EventEnvelope & { readonly position: number }

/**
 * Where a read-model document lives: a collection (`edition-summary`,
 * `startups-by-territory#nice-cote-d-azur`) and an id inside it. A collection is
 * one DynamoDB partition per generation, so listing it is a Query, never a Scan.
 */
export interface DocKey {
  readonly collection: string
  readonly id: string
}

/**
 * A read model as pure code: which documents an event touches, and how each one
 * evolves. The projector (functions/projector) loads the touched documents, folds
 * events in position order with `evolve`, and writes them back with its checkpoint.
 *
 * - `keysOf` must depend only on the event (plus what earlier events put in
 *   documents it can name), so a rebuild touches the same documents.
 * - `evolve` returns the new document, or `undefined` to delete it.
 *
 * @example
 *   const awards: Projection<AwardDoc> = {
 *     name: 'awards', eventTypes: ['award.won'],
 *     keysOf: (e) => [{ collection: 'awards', id: e.data.awardId }],
 *     evolve: (_doc, e) => ({ ...e.data, at: occurredAt(e) }),
 *   }
 */
export interface Projection<Doc = Record<string, unknown>> {
  readonly name: string
  readonly eventTypes: readonly EventType[]
  keysOf(event: FeedEvent): readonly DocKey[]
  evolve(doc: Doc | undefined, event: FeedEvent, key: DocKey): Doc | undefined
}
