import type { ApplicationEvent } from '../../domain/application/index.js'
import { applicationStreamId } from '../../domain/application/index.js'
import { editionStreamId } from '../../domain/edition/index.js'
import type { EventEnvelope } from '../../domain/events/index.js'
import {
  applicationContactOf,
  composeMessage,
  messagesFor,
  registeredContactOf,
  type Message,
  type NotSentReason,
} from '../../domain/notifications/index.js'
import type { StartupEvent } from '../../domain/startup/index.js'
import { startupStreamId } from '../../domain/startup/index.js'
import type { EventStore } from '../store/event-store.js'
import type { OutboxItem } from './outbox-layout.js'

/** What a queued message comes to at send time: the message to send, or why there is none. */
export type LookedUp =
  | { readonly found: 'message'; readonly message: Message }
  | { readonly found: 'none'; readonly reason: NotSentReason }

/** An outbox item whose event is not where the Feed said: a bug, or a table that lost data. */
export class MessageSourceMissingError extends Error {
  override readonly name = 'MessageSourceMissingError'
  constructor(readonly what: string) {
    super(`The message's ${what} is missing`)
  }
}

const isApplicationEvent = (event: EventEnvelope): event is EventEnvelope & ApplicationEvent =>
  event.type.startsWith('application.')
const isStartupEvent = (event: EventEnvelope): event is EventEnvelope & StartupEvent =>
  event.type.startsWith('startup.')

/**
 * Looks a queued message up at send time, never earlier: the outbox holds only whose it
 * is (the application, the start-up, the role), and the person is read now from the
 * events, opened by the vault. So an erased person is found erased (`contact: null`), and
 * a message queued before the erasure is never sent after it; a held notice goes to
 * whoever is the start-up's registered contact now (after a recovery, the real one).
 *
 * @example const looked = await lookUpMessage(streams)(item) // { found: 'message', message }
 */
export const lookUpMessage =
  (streams: Pick<EventStore, 'readStream'>) =>
  async (item: OutboxItem): Promise<LookedUp> => {
    const [application, edition, startup] = await Promise.all([
      streams.readStream(applicationStreamId(item.applicationId)),
      streams.readStream(editionStreamId(item.editionId), { maxCount: 1 }),
      item.recipient === 'registered-contact'
        ? streams.readStream(startupStreamId(item.startupId))
        : undefined,
    ])
    const event = application.find((e) => e.eventId === item.eventId)
    const intent = event
      ? messagesFor(event).find((i) => i.kind === item.kind && i.recipient === item.recipient)
      : undefined
    if (!intent) throw new MessageSourceMissingError(`event ${item.eventId}`)
    const opened = edition[0]
    if (opened?.type !== 'edition.opened')
      throw new MessageSourceMissingError(`edition ${item.editionId}`)
    const applicant = applicationContactOf(application.filter(isApplicationEvent))
    const registered = startup ? registeredContactOf(startup.filter(isStartupEvent)) : undefined
    const recipient = item.recipient === 'registered-contact' ? registered : applicant
    if (!recipient) return { found: 'none', reason: 'no-recipient' }
    if (!recipient.contact) return { found: 'none', reason: 'erased' }
    const message = composeMessage(intent, { edition: opened.data, applicant, registered })
    return message ? { found: 'message', message } : { found: 'none', reason: 'erased' }
  }
