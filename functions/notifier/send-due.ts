import { performance } from 'node:perf_hooks'
import type { Language } from '../../domain/events/index.js'
import {
  afterSend,
  claimAttempt,
  notSent,
  renderMessage,
  type MessageKind,
  type NotSentReason,
  type OutboxState,
  type SendOutcome,
} from '../../domain/notifications/index.js'
import { errorMessage } from '../shared/error-message.js'
import { silentLogger, type Logger } from '../shared/logger.js'
import { scrubAddresses, type MailSender, type OutgoingMail } from './mail-sender.js'
import type { LookedUp } from './message-lookup.js'
import { messageRef, type OutboxItem } from './outbox-layout.js'
import type { OutboxStore } from './outbox-store.js'
import type { SuppressionList } from './suppression-list.js'

export interface SendOptions {
  readonly outbox: OutboxStore
  readonly suppressions: SuppressionList
  /** The message and its person, read at send time (message-lookup.ts). */
  readonly lookUp: (item: OutboxItem) => Promise<LookedUp>
  /** The blind index of an address (the vault's): the suppression list's key. */
  readonly emailIndex: (email: string) => Promise<string>
  /** The withdrawal link's token of an application (functions/personal-data/withdrawal-links.ts). */
  readonly signWithdrawal: (applicationId: string) => Promise<string>
  readonly send: MailSender
  /** Where links lead (the stage's public URL) and where people write to the Région. */
  readonly links: { readonly baseUrl: string; readonly contactEmail: string }
  readonly clock: () => Date
  /** A number in [0, 1) for the retries' jitter. */
  readonly random: () => number
  readonly logger?: Logger
  /** An attempt not settled after this is taken again (its process stopped): longer than any send. */
  readonly leaseMs?: number
  /** Real time after which no new attempt starts (a Lambda has a timeout). */
  readonly budgetMs?: number
  /** Messages handed over at once. */
  readonly concurrency?: number
  /** Due messages read per look. */
  readonly batchSize?: number
}

export interface SendSummary {
  sent: number
  /** Failed, to be tried again. */
  failed: number
  gaveUp: number
  notSent: number
}

/** The kinds that carry the way to withdraw: the receipt (required), the confirmation and the selection. */
const withdrawable: ReadonlySet<MessageKind> = new Set(['received', 'confirmed', 'selected'])

type Prepared =
  | { readonly ready: 'mail'; readonly mail: OutgoingMail; readonly emailIndex: string }
  | { readonly ready: 'none'; readonly reason: NotSentReason }
  | { readonly ready: 'failed'; readonly error: string }

type Result = 'sent' | 'failed' | 'gave-up' | 'not-sent' | 'skipped'
const resultOf: Record<OutboxState['status'], Result> = {
  sent: 'sent',
  pending: 'failed',
  'given-up': 'gave-up',
  'not-sent': 'not-sent',
}

/**
 * Sends the outbox's due messages, each one attempt at a time: claimed (a conditional
 * write, so two runs never take the same attempt), looked up and rendered now, handed over,
 * then settled. A failure before the hand-over is retried like the service's own; the only
 * window for a duplicate is between the hand-over and the settlement (the process stops
 * there, or the settlement's write fails): the attempt is then taken again once its lease
 * lapses, and sends once more: one duplicate at most per interrupted attempt, which the
 * item records (`interrupted`).
 *
 * @example const summary = await sendDue({ outbox, suppressions, lookUp, emailIndex, signWithdrawal, send, links, clock, random })
 */
export const sendDue = async (options: SendOptions): Promise<SendSummary> => {
  const { outbox, suppressions, lookUp, emailIndex, signWithdrawal, send, links, clock, random } =
    options
  const { logger = silentLogger, leaseMs = 60_000, budgetMs = 40_000, concurrency = 8 } = options
  const { batchSize = 100 } = options
  const started = performance.now()
  const outOfTime = () => performance.now() - started > budgetMs
  const summary: SendSummary = { sent: 0, failed: 0, gaveUp: 0, notSent: 0 }

  const withdrawalPath = async (item: OutboxItem, language: Language) => {
    if (!withdrawable.has(item.kind)) return {}
    const token = await signWithdrawal(item.applicationId)
    const query = new URLSearchParams({ token, lang: language })
    return {
      withdrawalPath: `/applications/${encodeURIComponent(item.applicationId)}/withdraw?${query}`,
    }
  }

  // Everything before the hand-over: a failure here sent nothing, so it is simply retried.
  const prepare = async (item: OutboxItem): Promise<Prepared> => {
    const looked = await lookUp(item)
    if (looked.found === 'none') return { ready: 'none', reason: looked.reason }
    const { message } = looked
    const index = await emailIndex(message.to.email)
    if (await suppressions.find(index)) return { ready: 'none', reason: 'suppressed' }
    const rendered = renderMessage(message.kind, message.data, message.language, {
      ...links,
      ...(await withdrawalPath(item, message.language)),
    })
    const mail = { to: message.to, ...rendered, language: message.language, ref: messageRef(item) }
    return { ready: 'mail', mail, emailIndex: index }
  }

  /** The hand-over, when there is one, and what the message comes to. */
  const conclude = async (
    claimed: OutboxState,
    prepared: Prepared,
    now: string,
  ): Promise<OutboxState> => {
    if (prepared.ready === 'none') return notSent(claimed, prepared.reason, now)
    if (prepared.ready === 'failed')
      return afterSend(
        claimed,
        { kind: 'retryable', error: prepared.error },
        { now, random: random() },
      )
    const outcome: SendOutcome = await send(prepared.mail)
    // The address refused for good: no message goes to it again, from any application.
    if (outcome.kind === 'address-refused') {
      await suppressions.add(prepared.emailIndex, { reason: 'hard-bounce', since: now })
    }
    return afterSend(claimed, outcome, {
      now: clock().toISOString(),
      random: random(),
      language: prepared.mail.language,
    })
  }

  const attempt = async (item: OutboxItem): Promise<Result> => {
    const now = clock().toISOString()
    const ref = messageRef(item)
    const claimed = claimAttempt(item, now, leaseMs)
    if (!(await outbox.claim(item, claimed))) return 'skipped'
    const prepared = await prepare(item).catch((error: unknown): Prepared => {
      logger.error('message not prepared', { ref, error: scrubAddresses(errorMessage(error)) })
      return { ready: 'failed', error: scrubAddresses(errorMessage(error)) }
    })
    const next = await conclude(claimed, prepared, now)
    if (!(await outbox.settle({ ...item, ...claimed }, next))) {
      logger.warn('attempt settled elsewhere', { ref })
      return 'skipped'
    }
    if (next.status === 'pending')
      logger.warn('message not sent yet', { ref, attempts: next.attempts, error: next.lastError })
    if (next.status === 'given-up')
      logger.error('message given up', { ref, reason: next.gaveUp, error: next.lastError })
    return resultOf[next.status]
  }

  const count = (result: Result) => {
    if (result === 'sent') summary.sent += 1
    else if (result === 'failed') summary.failed += 1
    else if (result === 'gave-up') summary.gaveUp += 1
    else if (result === 'not-sent') summary.notSent += 1
  }

  while (!outOfTime()) {
    const due = await outbox.due(clock(), batchSize)
    let taken = 0
    const worker = async () => {
      for (let item = due.shift(); item && !outOfTime(); item = due.shift()) {
        const result = await attempt(item)
        if (result !== 'skipped') taken += 1
        count(result)
      }
    }
    await Promise.all(Array.from({ length: concurrency }, worker))
    // Nothing was taken (all due ones were another run's, or the index lags): the next wake-up.
    if (taken === 0) break
  }
  return summary
}
