import type { z } from 'zod'
import { formLanguage, type Language } from '../events/index.js'
import type { Catalogue } from './catalogue.js'
import { english } from './en.js'
import { french } from './fr.js'
import { messageData, type MessageData, type MessageKind } from './kinds.js'
import {
  plain,
  renderHtml,
  renderText,
  subjectLine,
  type Letter,
  type RenderedMessage,
} from './letter.js'
import { resolveLinks, type MessageLinks, type ResolvedLinks } from './links.js'

const catalogues: Readonly<Record<Language, Catalogue>> = { fr: french, en: english }

/** A link a kind of message cannot go without was not given. */
export class MissingLinkError extends Error {
  override readonly name = 'MissingLinkError'
  constructor(
    readonly kind: MessageKind,
    readonly link: keyof MessageLinks,
  ) {
    super(`A ${kind} message needs ${link}`)
  }
}

/** The links each kind cannot go without: the way to withdraw comes with every receipt. */
const requiredLinks: Partial<Record<MessageKind, keyof MessageLinks>> = {
  received: 'withdrawalPath',
}

/** Every text field as it may appear in a message (the reason staff gave keeps its lines). */
const cleaned = <K extends MessageKind>(kind: K, data: MessageData<K>): MessageData<K> => {
  const entries = Object.entries(data).map(([field, value]) => [
    field,
    typeof value === 'string' ? plain(value, field === 'reason') : value,
  ])
  // Parsed again: a name that was nothing but control characters is refused, not sent blank.
  return messageData[kind].parse(Object.fromEntries(entries)) as MessageData<K>
}

/**
 * One message, ready to send: its subject, a plain-text part and an HTML part that say
 * the same thing, in French or English, every link absolute and every piece of data
 * escaped. Pure: the notifier gives it what it looked up (see compose.ts).
 *
 * @example renderMessage('selected', { reference, startupName, editionName, city, startsOn, endsOn }, 'fr', { baseUrl, contactEmail })
 */
export const renderMessage = <K extends MessageKind>(
  kind: K,
  data: z.input<(typeof messageData)[K]>,
  language: Language,
  links: MessageLinks,
): RenderedMessage => {
  const lang = formLanguage.parse(language)
  const resolved = resolveLinks(links)
  const required = requiredLinks[kind]
  if (required !== undefined && links[required] === undefined)
    throw new MissingLinkError(kind, required)
  const write = catalogues[lang][kind] as (data: MessageData<K>, links: ResolvedLinks) => Letter
  const written = write(cleaned(kind, messageData[kind].parse(data) as MessageData<K>), resolved)
  const letter = { ...written, subject: subjectLine(written.subject) }
  return { subject: letter.subject, text: renderText(letter), html: renderHtml(letter, lang) }
}
