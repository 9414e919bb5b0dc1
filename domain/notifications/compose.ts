import type { Contact, EventOf, Language } from '../events/index.js'
import type { MessageData, MessageKind } from './kinds.js'
import type { MessageIntent } from './messages-for.js'
import type { Recipient } from './recipients.js'

/** What the notifier looked up for one intent. */
export interface MessageFacts {
  /** The edition applied to, as opened (its name, place, days and deadline). */
  readonly edition: Pick<
    EventOf<'edition.opened'>['data'],
    'name' | 'city' | 'startsOn' | 'endsOn' | 'applicationDeadline'
  >
  /** Whoever made the application (applicationContactOf its stream). */
  readonly applicant: Recipient | undefined
  /** The start-up's registered contact (registeredContactOf its stream): the held notice's. */
  readonly registered?: Recipient | undefined
}

/** A message to one person: what to render, in their language, and where to send it. */
export type Message = {
  [K in MessageKind]: { kind: K; to: Contact; language: Language; data: MessageData<K> }
}[MessageKind]

/**
 * The message an intent makes once its facts are looked up, or undefined when there is no
 * one to send it to (the contact was erased, or the start-up has no registered contact).
 *
 * @example composeMessage(intent, { edition, applicant }) // { kind: 'selected', to, language: 'fr', data }
 */
export const composeMessage = (intent: MessageIntent, facts: MessageFacts): Message | undefined => {
  const recipient = intent.recipient === 'registered-contact' ? facts.registered : facts.applicant
  if (!recipient?.contact) return undefined
  const { edition } = facts
  const to = recipient.contact
  const common = {
    recipientName: to.name,
    reference: intent.applicationId,
    startupName: recipient.startupName,
    editionName: edition.name,
  }
  const { language } = recipient
  switch (intent.kind) {
    case 'received': {
      const awaitingConfirmation = intent.awaitingConfirmation ?? false
      const data = {
        ...common,
        applicationDeadline: edition.applicationDeadline,
        awaitingConfirmation,
      }
      return { kind: 'received', to, language, data }
    }
    case 'confirmed':
      return {
        kind: 'confirmed',
        to,
        language,
        data: { ...common, applicationDeadline: edition.applicationDeadline },
      }
    case 'selected': {
      const { city, startsOn, endsOn } = edition
      return { kind: 'selected', to, language, data: { ...common, city, startsOn, endsOn } }
    }
    case 'rejected': {
      const reason =
        intent.reason === undefined || intent.reason.trim() === '' ? {} : { reason: intent.reason }
      return { kind: 'rejected', to, language, data: { ...common, ...reason } }
    }
    case 'withdrawn':
      return { kind: 'withdrawn', to, language, data: { ...common, by: intent.by ?? 'staff' } }
    case 'held-notice':
      return { kind: 'held-notice', to, language, data: common }
  }
}
