import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2'
import type { SendOutcome } from '../../domain/notifications/index.js'
import { errorMessage } from '../shared/error-message.js'
import { scrubAddresses, type MailIdentity, type MailSender } from './mail-sender.js'

/**
 * A mailbox as SES wants it: a display name outside printable ASCII as an RFC 2047
 * encoded-word (SES refuses raw UTF-8 there), else quoted.
 *
 * @example mailbox('Inès Martin', 'ines@calanques.example') // '=?UTF-8?B?SW7DqHMgTWFydGlu?= <ines@calanques.example>'
 */
export const mailbox = (name: string, address: string): string => {
  if (name === '') return address
  if (/^[\x20-\x7e]*$/.test(name)) return `"${name.replace(/["\\]/g, '\\$&')}" <${address}>`
  return `=?UTF-8?B?${Buffer.from(name, 'utf8').toString('base64')}?= <${address}>`
}

/** What SES could not do now but may later: throttling, a paused account, its own failures. */
const retryableNames = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'SendingPausedException',
  'AccountSuspendedException',
  'MailFromDomainNotVerifiedException',
  // The configuration set is missing: a stage being set up, fixed within the retries' hours.
  'NotFoundException',
])

/**
 * An SES error as an outcome: a refusal of the message itself (MessageRejected: in the
 * sandbox an unverified recipient, or content SES will not send; BadRequest) is final;
 * throttling, a paused sending, SES's own 5xx and the network are worth a retry.
 */
export const classifySesError = (error: unknown): SendOutcome => {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
  const name = error instanceof Error ? error.name : ''
  const text = scrubAddresses(errorMessage(error))
  if (retryableNames.has(name) || status === undefined || status >= 500)
    return { kind: 'retryable', error: text }
  return { kind: 'refused', error: text }
}

export interface SesSenderOptions extends MailIdentity {
  readonly ses: SESv2Client
  /** The stage's configuration set: its event destination reports bounces and complaints. */
  readonly configurationSet: string
}

/**
 * Sends through SES v2 `SendEmail` (simple content: subject, text and HTML in UTF-8) from the
 * stage's verified identity, in its configuration set, tagged with the outbox reference so
 * SES's bounce and complaint events name the message. SES takes no idempotency token: a
 * retry after a lost answer sends again (see the README, at most one duplicate).
 *
 * @example const send = createSesSender({ ses: createSesClient(), from, replyTo, configurationSet })
 */
export const createSesSender =
  ({ ses, from, replyTo, configurationSet }: SesSenderOptions): MailSender =>
  async (mail) => {
    const utf8 = (Data: string) => ({ Data, Charset: 'UTF-8' })
    try {
      const { MessageId } = await ses.send(
        new SendEmailCommand({
          FromEmailAddress: mailbox(from.name, from.address),
          Destination: { ToAddresses: [mailbox(mail.to.name, mail.to.email)] },
          ReplyToAddresses: [replyTo],
          Content: {
            Simple: {
              Subject: utf8(mail.subject),
              Body: { Text: utf8(mail.text), Html: utf8(mail.html) },
            },
          },
          ConfigurationSetName: configurationSet,
          EmailTags: [{ Name: 'outbox', Value: mail.ref }],
        }),
      )
      return { kind: 'accepted', messageId: MessageId ?? mail.ref }
    } catch (error: unknown) {
      return classifySesError(error)
    }
  }
