import { simpleParser, type AddressObject } from 'mailparser'
import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerAddress } from 'smtp-server'

/** A message the catcher received, parsed: what the dev mail page and the tests read. */
export interface CaughtMessage {
  /** 1, 2, 3… in the order the messages arrived. */
  readonly id: number
  readonly receivedAt: string
  /** Who the SMTP envelope named (what the server was asked to deliver to). */
  readonly envelope: { readonly from: string; readonly to: readonly string[] }
  readonly messageId: string | undefined
  readonly from: string
  readonly to: string
  readonly replyTo: string
  readonly subject: string
  readonly text: string
  readonly html: string
  /** `Content-Language` and our `X-Delegation-Sud-Ref` header, as sent. */
  readonly language: string | undefined
  readonly ref: string | undefined
}

export interface MailCatcherOptions {
  readonly port?: number
  readonly host?: string
  /** Addresses refused at `RCPT TO` with a 550, as a mail server refuses an unknown mailbox. */
  readonly refuses?: (address: string) => boolean
  /** Keep at most this many messages (the oldest go first); the tests keep every one. */
  readonly keep?: number
}

const addressText = (value: AddressObject | AddressObject[] | undefined): string =>
  [value ?? []]
    .flat()
    .map((address) => address.text)
    .join(', ')

const headerText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined

/**
 * An SMTP server in process that keeps what it receives (`smtp-server` to receive,
 * `mailparser` to read): `npm start`'s outgoing mail, readable on its dev mail page, and the
 * tests', which assert on what arrived, never on a mock of the sender. No TLS, no
 * authentication: loopback only. `hold()` stops acknowledging messages after reading them
 * in full (a server that took a message but whose answer never came back: the window
 * between a hand-over and its settlement), `release()` answers them.
 *
 * @example const catcher = await startMailCatcher(); process.env.SMTP_URL = catcher.url
 */
export const startMailCatcher = async ({
  port = 0,
  host = '127.0.0.1',
  refuses = () => false,
  keep = Number.POSITIVE_INFINITY,
}: MailCatcherOptions = {}) => {
  const messages: CaughtMessage[] = []
  const listeners = new Set<(message: CaughtMessage) => void>()
  let held: Array<() => void> | undefined
  let next = 1

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // A held connection must not keep close() waiting the default 30 s.
    closeTimeout: 500,
    size: 10 * 1024 * 1024,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (!refuses(address.address)) return callback()
      const refusal = Object.assign(
        new Error('5.1.1 Recipient address rejected: unknown mailbox'),
        { responseCode: 550 },
      )
      return callback(refusal)
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const message: CaughtMessage = {
            id: next++,
            receivedAt: new Date().toISOString(),
            envelope: {
              from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            },
            messageId: parsed.messageId,
            from: addressText(parsed.from),
            to: addressText(parsed.to),
            replyTo: addressText(parsed.replyTo),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            language: headerText(parsed.headers.get('content-language')),
            ref: headerText(parsed.headers.get('x-delegation-sud-ref')),
          }
          messages.push(message)
          while (messages.length > keep) messages.shift()
          for (const listener of listeners) listener(message)
          if (held) held.push(() => callback())
          else callback()
        })
        .catch((error: unknown) =>
          callback(error instanceof Error ? error : new Error(String(error))),
        )
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const { port: bound } = server.server.address() as AddressInfo

  return {
    url: `smtp://${host}:${bound}`,
    port: bound,
    messages,
    /** Calls `listener` with each message as it arrives. */
    onMessage(listener: (message: CaughtMessage) => void) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    /**
     * Resolves once `count` messages arrived in all (a test's wait, not an assertion): it
     * rejects after `timeoutMs` saying how many came.
     */
    waitFor(count: number, timeoutMs = 60_000) {
      return new Promise<CaughtMessage[]>((resolve, reject) => {
        if (messages.length >= count) return resolve(messages)
        const timer = setTimeout(() => {
          stop()
          reject(new Error(`${messages.length} of ${count} messages arrived`))
        }, timeoutMs)
        const stop = this.onMessage(() => {
          if (messages.length < count) return
          clearTimeout(timer)
          stop()
          resolve(messages)
        })
      })
    },
    hold() {
      held ??= []
    },
    release() {
      const waiting = held ?? []
      held = undefined
      for (const answer of waiting) answer()
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type MailCatcher = Awaited<ReturnType<typeof startMailCatcher>>
