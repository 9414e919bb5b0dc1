import { occurredAt } from '../events/index.js'
import type { FeedEvent } from '../projections/projection.js'
import { isSharedWithPartners, partnerData, type PartnerEventType } from './partner-view.js'

/**
 * An event as partners see it, on the feed and in webhooks: its place in the Feed,
 * its identity and the data partners may see (partner-view.ts). The metadata stays inside (it names staff
 * members and carries idempotency keys); only when the fact happened goes out.
 */
export interface PublicEvent {
  readonly position: number
  readonly eventId: string
  readonly streamId: string
  readonly version: number
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
 * The partner-facing copy of a Feed event: the allow-listed fields of its data. Filters
 * leave out the types partners never receive (filter.ts); one reaching here throws rather
 * than go out.
 *
 * @example toPublicEvent(feedEvent).data.contact // undefined
 */
export const toPublicEvent = (event: FeedEvent): PublicEvent => {
  const { type } = event
  if (!isSharedWithPartners(type)) throw new NotSharedWithPartnersError(type)
  return {
    position: event.position,
    eventId: event.eventId,
    streamId: event.streamId,
    version: event.version,
    type,
    schemaVersion: event.schemaVersion,
    data: partnerData(event),
    recordedAt: event.recordedAt,
    occurredAt: occurredAt(event),
  }
}
