import { occurredAt, type EventType } from '../events/index.js'
import type { FeedEvent } from '../projections/projection.js'
import { partnerData } from './partner-view.js'

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
  readonly type: EventType
  readonly schemaVersion: number
  readonly data: Record<string, unknown>
  readonly recordedAt: string
  readonly occurredAt: string
}

/**
 * The partner-facing copy of a Feed event, without personal data.
 *
 * @example toPublicEvent(feedEvent).data.contact // undefined
 */
export const toPublicEvent = (event: FeedEvent): PublicEvent => ({
  position: event.position,
  eventId: event.eventId,
  streamId: event.streamId,
  version: event.version,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: partnerData(event),
  recordedAt: event.recordedAt,
  occurredAt: occurredAt(event),
})
