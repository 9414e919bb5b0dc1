import type { EventEnvelope, EventType } from '../events/index.js'

/**
 * An event as the Feed holds it: its envelope plus its global position (1, 2, 3 … no gaps),
 * and, for an event partners receive, its partner sequence (1, 2, 3 … over those events
 * only, no gaps; absent from Feed items indexed before sequences existed).
 */
export type FeedEvent = EventEnvelope & { readonly position: number; readonly sequence?: number }

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
 * A document handed to `evolve` to change in place. Whoever passes it gives it up for the
 * call: no one else may hold a reference to it (the projector passes documents it loaded
 * or created itself, tests pass copies). That is what lets a fold cost O(1) per event
 * instead of copying whole maps and arrays, while staying pure from the outside.
 */
export type Draft<Doc> = Doc

/**
 * A read model as pure code: which documents an event touches, and how each one
 * evolves. The projector (functions/projector) loads the touched documents, folds
 * events in position order with `evolve`, and writes them back with its checkpoint.
 *
 * - `keysOf` must depend only on the event, so a rebuild touches the same documents.
 * - `evolve` changes the draft and returns it, or returns another document, or
 *   `undefined` to delete it. It must not keep references into the event it could
 *   later change (copy the event's arrays it stores), as the same event goes to every
 *   projection.
 * - The result may not depend on the order of events of different streams: the Feed keeps
 *   each stream's order, not the order between streams (an application may come before its
 *   edition's `edition.opened`). A document still waiting for the event that anchors it
 *   is kept, but `isPublic` hides it from readers until then (always public when absent).
 * - The projector never folds an event twice into a document (it skips positions at or
 *   below the document's), so `evolve` need not guard against redelivery.
 *
 * @example
 *   const awards: Projection<AwardDoc> = {
 *     name: 'awards', eventTypes: ['award.won'],
 *     keysOf: (e) => [{ collection: 'awards', id: e.data.awardId }],
 *     evolve: (_draft, e) => ({ ...e.data, at: occurredAt(e) }),
 *   }
 */
export interface Projection<Doc = Record<string, unknown>> {
  readonly name: string
  readonly eventTypes: readonly EventType[]
  keysOf(event: FeedEvent): readonly DocKey[]
  evolve(draft: Draft<Doc> | undefined, event: FeedEvent, key: DocKey): Doc | undefined
  isPublic?(doc: Doc): boolean
}
