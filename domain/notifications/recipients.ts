import type { ApplicationEvent } from '../application/state.js'
import type { Contact, Language } from '../events/index.js'
import type { StartupEvent } from '../startup/state.js'

/**
 * A person the programme writes to, as the events say: their contact (null once erased:
 * an erased person is sent nothing), the language they use, and the start-up's name as
 * messages to them give it.
 */
export interface Recipient {
  readonly contact: Contact | null
  readonly language: Language
  readonly startupName: string
}

/**
 * Whoever made an application, from its stream (opened): the contact, language and start-up
 * name it was made with.
 *
 * @example applicationContactOf(events) // { contact: { name: 'Inès Martin', … }, language: 'fr', startupName: 'Calanques Tech' }
 */
export const applicationContactOf = (
  events: readonly ApplicationEvent[],
): Recipient | undefined => {
  for (const event of events) {
    if (event.type === 'application.held' || event.type === 'application.submitted') {
      const { contact, language, startupName } = event.data
      return { contact, language, startupName }
    }
  }
  return undefined
}

/**
 * The start-up's registered contact now, from its stream (opened): as registered, then
 * corrected or recovered by staff; with the name the start-up is registered under (what a
 * held notice names, never what the stranger typed).
 *
 * @example registeredContactOf([registered, recovered])?.contact // the real contact
 */
export const registeredContactOf = (events: readonly StartupEvent[]): Recipient | undefined => {
  let recipient: Recipient | undefined
  for (const event of events) {
    switch (event.type) {
      case 'startup.registered':
      case 'startup.recovered': {
        const { contact, language, name } = event.data
        recipient = { contact, language, startupName: name }
        break
      }
      case 'startup.profile-corrected': {
        if (recipient === undefined) break
        const { contact, language, name } = event.data
        recipient = {
          contact: contact === undefined ? recipient.contact : contact,
          language: language ?? recipient.language,
          startupName: name ?? recipient.startupName,
        }
        break
      }
      case 'startup.profile-published':
        break
    }
  }
  return recipient
}
