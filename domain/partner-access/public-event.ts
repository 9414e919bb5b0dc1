import { occurredAt } from '../events/index.js'
import type { FeedEvent } from '../projections/projection.js'
import { isSharedWithPartners, partnerData, type PartnerEventType } from './partner-view.js'

/**
 * An event as partners see it, on the feed and in webhooks: its partner sequence (1, 2,
 * 3 … over the events partners receive, no gaps), its identity and the data partners may
 * see (partner-view.ts). Never its Feed position nor its stream's version: their gaps
 * would count the events withheld from partners (applications submitted, rejected, held,
 * start-ups registered…). The metadata stays inside (it names staff members and carries
 * idempotency keys); only when the fact happened goes out.
 */
export interface PublicEvent {
  readonly sequence: number
  readonly eventId: string
  readonly streamId: string
  readonly type: PartnerEventType
  readonly schemaVersion: number
  readonly data: Record<string, unknown>
  readonly recordedAt: string
  readonly occurredAt: string
}

/** An event of a type partners never receive was about to go out: a bug, never sent. */
export class NotSharedWithPartnersError extends Error {
  override readonly name = 'NotSharedWithPartnersError'
  constructor(readonly type: string) {
    super(`${type} events are not shared with partners`)
  }
}

/**
 * A Feed event partners receive that has no partner sequence: indexed before sequences
 * existed and not backfilled (README, *Deploy and verify*). Never sent without one.
 */
export class UnsequencedEventError extends Error {
  override readonly name = 'UnsequencedEventError'
  constructor(readonly position: number) {
    super(`The Feed event at position ${position} has no partner sequence: backfill the Feed`)
  }
}

/**
 * The partner-facing copy of a Feed event: the allow-listed fields of its data. Filters
 * leave out the types partners never receive (filter.ts); one reaching here throws rather
 * than go out.
 *
 * @example toPublicEvent(feedEvent).data.contact // undefined
 */
export const toPublicEvent = (event: FeedEvent): PublicEvent => {
  const { type } = event
  if (!isSharedWithPartners(type)) throw new NotSharedWithPartnersError(type)
  if (event.sequence === undefined) throw new UnsequencedEventError(event.position)
  return {
    sequence: event.sequence,
    eventId: event.eventId,
    streamId: event.streamId,
    type,
    schemaVersion: event.schemaVersion,
    data: partnerData(event),
    recordedAt: event.recordedAt,
    occurredAt: occurredAt(event),
  }
}
