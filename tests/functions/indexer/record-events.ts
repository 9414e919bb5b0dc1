import type { EventEnvelope } from '../../../domain/events/index.js'
import type { EventStore } from '../../../functions/store/event-store.js'
import { applicationSubmitted, editionOpened, metadata, partnerJoined } from '../../fixtures/events.js'

/**
 * Records an edition's opening and `partners` partner.joined events through the event
 * store, one append each (as commands would), and returns the envelopes recorded.
 *
 * @example await recordEdition(store, 'ces-2020', 3) // versions 1…4 of edition-ces-2020
 */
export const recordEdition = async (
  store: EventStore,
  editionId: string,
  partners: number,
): Promise<EventEnvelope[]> => {
  const streamId = `edition-${editionId}`
  const recorded: EventEnvelope[] = []
  const events = [editionOpened(editionId), ...Array.from({ length: partners },
    (_, i) => partnerJoined(`partner-${i + 1}`, editionId))]
  for (const [version, event] of events.entries()) {
    const outcome = await store.append(
      [{ streamId, expectedVersion: version, events: [event] }], { metadata: metadata() })
    if (outcome.status === 'appended') recorded.push(...outcome.events)
  }
  return recorded
}

/**
 * An edition's opening and `partners` partner.joined events, each followed by an
 * application submitted to it in a stream of its own: a withheld event (partners never
 * receive it) between every two they do.
 *
 * @example await recordWithWithheld(store, 'ces-2020', 2) // opened, submitted, joined, submitted, joined, submitted
 */
export const recordWithWithheld = async (
  store: EventStore,
  editionId: string,
  partners: number,
): Promise<EventEnvelope[]> => {
  const recorded: EventEnvelope[] = []
  const streamId = `edition-${editionId}`
  const shared = [editionOpened(editionId), ...Array.from({ length: partners },
    (_, i) => partnerJoined(`partner-${i + 1}`, editionId))]
  for (const [version, event] of shared.entries()) {
    const opened = await store.append(
      [{ streamId, expectedVersion: version, events: [event] }], { metadata: metadata() })
    if (opened.status === 'appended') recorded.push(...opened.events)
    const applicationId = `${editionId}-application-${version + 1}`
    const applied = await store.append([{
      streamId: `application-${applicationId}`,
      expectedVersion: 0,
      events: [applicationSubmitted(applicationId, `startup-${version + 1}`, { editionId })],
    }], { metadata: metadata() })
    if (applied.status === 'appended') recorded.push(...applied.events)
  }
  return recorded
}
