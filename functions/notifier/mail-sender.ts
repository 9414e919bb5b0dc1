import type { Contact, Language } from '../../domain/events/index.js'
import type { SendOutcome } from '../../domain/notifications/index.js'

/** One message, rendered, to one person: what a sender hands over to the mail service. */
export interface OutgoingMail {
  readonly to: Pick<Contact, 'name' | 'email'>
  readonly subject: string
  readonly text: string
  readonly html: string
  readonly language: Language
  /**
   * The outbox item's reference (outbox-layout.ts `messageRef`): an SES tag, so a later
   * bounce or complaint finds its message; a header and the Message-ID locally.
   */
  readonly ref: string
}

/** Hands a message to the mail service: SES in AWS (ses-sender.ts), SMTP locally (smtp-sender.ts). */
export type MailSender = (mail: OutgoingMail) => Promise<SendOutcome>

/** Who the programme writes as, and where replies go (the Région's address). */
export interface MailIdentity {
  readonly from: { readonly name: string; readonly address: string }
  readonly replyTo: string
}

const address = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g

/**
 * An error as it may be kept and shown: any address in it (SMTP servers quote the
 * recipient) replaced, so the outbox and the logs hold no contact in clear.
 *
 * @example scrubAddresses('550 5.1.1 <ines@calanques.example>: unknown') // '550 5.1.1 <address>: unknown'
 */
export const scrubAddresses = (text: string): string =>
  text
    .replace(address, '<address>')
    .replace(/<<address>>/g, '<address>')
    .slice(0, 500)

/**
 * `Délégation Sud <delegation@maregionsud.fr>` (or a bare address) as a name and an address.
 *
 * @example parseMailbox('Délégation Sud <d@x.fr>') // { name: 'Délégation Sud', address: 'd@x.fr' }
 */
export const parseMailbox = (text: string): { name: string; address: string } => {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text)
  if (match) return { name: (match[1] ?? '').replace(/^"|"$/g, ''), address: match[2] ?? '' }
  return { name: '', address: text.trim() }
}
