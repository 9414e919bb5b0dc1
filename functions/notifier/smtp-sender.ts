import nodemailer from 'nodemailer'
import type { SendOutcome } from '../../domain/notifications/index.js'
import { errorMessage } from '../shared/error-message.js'
import { scrubAddresses, type MailIdentity, type MailSender } from './mail-sender.js'

export interface SmtpSenderOptions extends MailIdentity {
  /** `smtp://host:port` (`smtps://` for TLS from the start; `user:password@` if it asks). */
  readonly url: string
  /** Connections kept open at most: the notifier's concurrency. */
  readonly maxConnections?: number
  /** No answer for this long fails the attempt (retried): well inside the notifier's lease. */
  readonly timeoutMs?: number
}

interface SmtpError {
  readonly responseCode?: number
  readonly command?: string
}

/**
 * An SMTP failure as an outcome: a 5xx to the recipient (`RCPT TO`) refuses the address
 * for good (a hard bounce), a 5xx to anything else refuses the message; a 4xx, a timeout
 * or a connection that fails is worth a retry.
 */
export const classifySmtpError = (error: unknown): SendOutcome => {
  const { responseCode, command } = (
    typeof error === 'object' && error !== null ? error : {}
  ) as SmtpError
  const text = scrubAddresses(errorMessage(error))
  if (responseCode === undefined || responseCode < 500) return { kind: 'retryable', error: text }
  return /RCPT/i.test(command ?? '')
    ? { kind: 'address-refused', error: text }
    : { kind: 'refused', error: text }
}

/**
 * Sends through an SMTP server with nodemailer: `npm start`'s own catcher
 * (local/mail-catcher.ts), or the server `SMTP_URL` names. Each message's Message-ID is
 * made from its outbox reference, the same on every attempt, so a duplicate after an
 * interrupted attempt carries the first one's id (mail clients that dedupe by it show one).
 *
 * @example const send = createSmtpSender({ url: 'smtp://127.0.0.1:2525', from, replyTo })
 */
export const createSmtpSender = ({
  url,
  from,
  replyTo,
  maxConnections = 8,
  timeoutMs = 10_000,
}: SmtpSenderOptions) => {
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as Parameters<typeof nodemailer.createTransport>[0])
  const domain = from.address.split('@')[1] ?? 'localhost'
  const send: MailSender = async (mail) => {
    try {
      const info = (await transport.sendMail({
        from,
        to: { name: mail.to.name, address: mail.to.email },
        replyTo,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.ref}@${domain}>`,
        headers: { 'Content-Language': mail.language, 'X-Delegation-Sud-Ref': mail.ref },
      })) as { messageId?: string }
      return { kind: 'accepted', messageId: info.messageId ?? mail.ref }
    } catch (error: unknown) {
      return classifySmtpError(error)
    }
  }
  return { send, close: () => transport.close() }
}
