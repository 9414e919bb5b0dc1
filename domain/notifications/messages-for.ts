import type { DomainEvent, EventMetadata } from '../events/index.js'
import type { MessageKind } from './kinds.js'

/**
 * Who a message goes to, as a role the notifier looks up: the contact the application was
 * made with, or the start-up's registered contact (the held notice, which must never go to
 * whoever applied: they may be the stranger it warns about).
 */
export type RecipientRole = 'application-contact' | 'registered-contact'

/** A message an event leads to, before anyone is looked up. */
export interface MessageIntent {
  readonly kind: MessageKind
  readonly recipient: RecipientRole
  readonly applicationId: string
  readonly editionId: string
  readonly startupId: string
  /** `received`: the application is held until the start-up confirms it is its own. */
  readonly awaitingConfirmation?: boolean
  /** `rejected`: the reason staff gave, if any. */
  readonly reason?: string
  /** `withdrawn`: by the start-up, or by staff. */
  readonly by?: 'startup' | 'staff'
}

/** An event as the Feed gives it: the domain event, its place in its stream and its metadata. */
export type NotifiableEvent = DomainEvent & {
  readonly version: number
  readonly metadata: Pick<EventMetadata, 'occurredAt'>
}

const toApplicant = (
  kind: MessageKind,
  {
    applicationId,
    editionId,
    startupId,
  }: { applicationId: string; editionId: string; startupId: string },
): MessageIntent => ({
  kind,
  recipient: 'application-contact',
  applicationId,
  editionId,
  startupId,
})

/**
 * The messages an event leads to, and to whom: pure, so the notifier only looks up
 * addresses and editions, and sends. One per event and recipient role.
 *
 * - History staff imported (`occurredAt` set) tells no one: it happened long ago.
 * - `application.held`: a receipt to whoever applied (saying the start-up is asked first),
 *   and the held notice to the start-up's registered contact.
 * - `application.submitted`: a receipt; at version 2 of its stream it follows a hold (the
 *   only event that can come first), so it is the confirmation instead.
 * - `application.selected`, `.rejected` (with the reason), `.withdrawn` (by whom).
 * - `application.dismissed` tells no one: a stranger learns nothing from it, and the Région
 *   answers a colleague who asks.
 * - Every other type (start-ups, editions, partners, erasure) mails no one, and so does any
 *   type added later until it is named here.
 *
 * @example messagesFor(heldEvent) // [{ kind: 'received', recipient: 'application-contact', … }, { kind: 'held-notice', recipient: 'registered-contact', … }]
 */
export const messagesFor = (event: NotifiableEvent): MessageIntent[] => {
  if (event.metadata.occurredAt !== undefined) return []
  switch (event.type) {
    case 'application.held':
      return [
        { ...toApplicant('received', event.data), awaitingConfirmation: true },
        { ...toApplicant('held-notice', event.data), recipient: 'registered-contact' },
      ]
    case 'application.submitted':
      return event.version > 1
        ? [toApplicant('confirmed', event.data)]
        : [{ ...toApplicant('received', event.data), awaitingConfirmation: false }]
    case 'application.selected':
      return [toApplicant('selected', event.data)]
    case 'application.rejected': {
      const { reason } = event.data
      return [
        { ...toApplicant('rejected', event.data), ...(reason === undefined ? {} : { reason }) },
      ]
    }
    case 'application.withdrawn':
      return [{ ...toApplicant('withdrawn', event.data), by: event.data.by }]
    default:
      return []
  }
}
