import { performance } from 'node:perf_hooks'
import {
  afterAttempt,
  classifyResponse,
  isDue,
  parseRetryAfter,
  type AttemptOutcome,
} from '../../../domain/webhooks/delivery.js'
import { attemptOf, withAttempt } from '../../../domain/webhooks/attempts.js'
import {
  defaultDisablePolicy,
  healthAfter,
  type DisablePolicy,
} from '../../../domain/webhooks/health.js'
import { errorMessage } from '../../shared/error-message.js'
import { asFunction } from '../../shared/function-scope.js'
import { silentLogger, type Logger } from '../../shared/logger.js'
import { signedHeaders } from '../signing.js'
import type { PartnerHasLiveKey } from '../../partner-access/live-keys.js'
import {
  noLiveKeyReason,
  signingSecrets,
  type Subscription,
} from '../subscriptions/subscription-item.js'
import type { SubscriptionStore } from '../subscriptions/subscription-store.js'
import type { Delivery } from './delivery-item.js'
import type { DeliveryStore } from './delivery-store.js'
import type { WebhookSender } from './http-sender.js'

export interface DelivererOptions {
  readonly subscriptions: SubscriptionStore
  readonly deliveries: DeliveryStore
  readonly send: WebhookSender
  readonly clock: () => Date
  /** A number in [0, 1) for the retries' jitter. */
  readonly random: () => number
  readonly logger?: Logger
  /** Posts per subscription per run at most, so one busy partner cannot take the run. */
  readonly maxPerSubscription?: number
  /** Deliveries looked at per subscription per run. */
  readonly pageLimit?: number
  /** Subscriptions served at once. */
  readonly concurrency?: number
  /** A claimed delivery is due again after this if the run dies before recording it. */
  readonly leaseMs?: number
  /** Real time after which no new post starts (a Lambda has a timeout). */
  readonly budgetMs?: number
  readonly disablePolicy?: DisablePolicy
  /**
   * Whether a partner still holds a live API key. A partner left with none (every key
   * revoked or expired) can neither see nor delete its subscriptions: they are paused,
   * with the reason, until a key is issued again. The Lambdas always give it
   * (deliverer-from-env.ts); without it nothing is paused.
   */
  readonly partnerHasLiveKey?: PartnerHasLiveKey
}

export interface DeliverySummary {
  delivered: number
  failed: number
  dead: number
  disabled: number
  /** Subscriptions paused this run: their partner holds no live key any more. */
  paused: number
}

/** `gone`: dead-lettered by a `410 Gone`, which disables the subscription at once. */
type Result = 'delivered' | 'failed' | 'dead' | 'gone' | 'skipped'

/**
 * No answer (timeout, refused, reset) or a 429 ends the subscription's turn: the endpoint
 * is down, slow or asking for less, and each further post would cost a timeout. Other
 * failures concern one event: the subscription's other streams go on.
 */
const endsTurn = (outcome: AttemptOutcome) =>
  outcome.kind === 'retryable' && (outcome.statusCode === undefined || outcome.statusCode === 429)

/**
 * Posts due deliveries as signed Standard Webhooks. Per subscription, in Feed order: a
 * stream's later deliveries wait while an earlier one is pending (per-stream order),
 * other streams go on; no answer or a 429 ends the subscription's turn, and at most
 * `maxPerSubscription` posts are made. Subscriptions are served concurrently, each post
 * bounded by the sender's timeout, so a slow partner holds up nobody else.
 *
 * @example await createDeliverer({ subscriptions, deliveries, send, clock, random }).run()
 */
export const createDeliverer = (options: DelivererOptions) => {
  const { subscriptions, deliveries, send, clock, random, logger = silentLogger } = options
  const { maxPerSubscription = 20, pageLimit = 200, concurrency = 8 } = options
  const { leaseMs = 60_000, budgetMs = 40_000, disablePolicy = defaultDisablePolicy } = options
  const { partnerHasLiveKey } = options

  /**
   * The subscriptions to serve this run: the active ones whose partner holds a live key.
   * On the way, an active one whose partner has none is paused, a paused one whose partner
   * has one again resumes (so it is served now, its waiting deliveries first).
   */
  const servable = async (registry: readonly Subscription[], summary: DeliverySummary) => {
    const candidates = registry.filter((s) => s.status === 'active' || s.status === 'paused')
    if (!partnerHasLiveKey) return candidates.filter((s) => s.status === 'active')
    const now = clock()
    const partners = [...new Set(candidates.map((s) => s.partnerId))]
    const keyed = await Promise.all(partners.map((partnerId) => partnerHasLiveKey(partnerId, now)))
    const live = new Set(partners.filter((_, i) => keyed[i]))
    const queue: Subscription[] = []
    for (const subscription of candidates) {
      const hasKey = live.has(subscription.partnerId)
      if (subscription.status === 'active' && hasKey) queue.push(subscription)
      else if (subscription.status === 'paused' && hasKey) {
        const resumed = await subscriptions.resume(subscription.id)
        if (resumed) queue.push(resumed)
      } else if (
        subscription.status === 'active' &&
        (await subscriptions.pause(subscription.id, noLiveKeyReason, now))
      ) {
        summary.paused += 1
        logger.warn('subscription paused', {
          subscriptionId: subscription.id,
          partnerId: subscription.partnerId,
        })
      }
    }
    return queue
  }

  const attempt = async (
    subscription: Subscription,
    delivery: Delivery,
  ): Promise<{ result: Result; stop: boolean }> => {
    const now = clock()
    const body = await deliveries.claim(delivery, now, leaseMs)
    if (body === undefined) return { result: 'skipped', stop: false }
    const headers = signedHeaders({
      secrets: signingSecrets(subscription, now),
      webhookId: delivery.webhookId,
      timestamp: now,
      body,
    })
    const started = performance.now()
    const result = await send({ url: subscription.url, headers, body })
    const latencyMs = performance.now() - started
    const at = clock().toISOString()
    const outcome: AttemptOutcome =
      result.kind === 'response'
        ? classifyResponse(result.statusCode, parseRetryAfter(result.retryAfter, at))
        : { kind: 'retryable', reason: result.reason }
    const next = afterAttempt(delivery, outcome, { now: at, random: random() })
    const stop = endsTurn(outcome)
    const history = withAttempt(
      delivery.history,
      attemptOf(next, { at: now.toISOString(), latencyMs }),
    )
    if (!(await deliveries.settle(delivery, next, history))) return { result: 'skipped', stop }
    if (next.status !== 'delivered') {
      logger.warn('delivery failed', {
        subscriptionId: subscription.id,
        position: delivery.position,
        attempts: next.attempts,
        status: next.status,
        reason: next.lastErrorCode,
        error: next.lastError,
      })
    }
    if (outcome.kind === 'gone') return { result: 'gone', stop }
    return { result: next.status === 'pending' ? 'failed' : next.status, stop }
  }

  const serve = async (
    subscription: Subscription,
    summary: DeliverySummary,
    outOfTime: () => boolean,
  ) => {
    const page = await deliveries.readFrom(subscription.id, subscription.settledBelow, pageLimit)
    const waiting = new Set<string>() // streams with an earlier delivery still pending
    let health = subscription.health
    let disable: string | undefined
    let delivered = false
    let firstOpen: number | undefined
    let posts = 0
    for (const delivery of page.deliveries) {
      if (delivery.status !== 'pending') continue
      const ready =
        !waiting.has(delivery.streamId) &&
        !disable &&
        posts < maxPerSubscription &&
        !outOfTime() &&
        isDue(delivery, clock().toISOString())
      const { result, stop } = ready
        ? await attempt(subscription, delivery)
        : { result: 'skipped', stop: false }
      if (result !== 'skipped') posts += 1
      if (stop) posts = maxPerSubscription // the rest waits for the next run
      if (result === 'delivered' || result === 'dead' || result === 'gone') {
        summary[result === 'gone' ? 'dead' : result] += 1
        delivered ||= result === 'delivered'
        const after = healthAfter(health, result, clock().toISOString(), disablePolicy)
        health = after.health
        disable = after.disable
        continue // a dead letter is set aside: the stream's next delivery may go
      }
      waiting.add(delivery.streamId)
      firstOpen ??= delivery.position
      if (result === 'failed') {
        summary.failed += 1
        health = healthAfter(health, 'failed', clock().toISOString(), disablePolicy).health
      }
    }
    if (posts > 0) {
      await subscriptions.recordHealth(subscription.id, health, {
        now: clock(),
        delivered,
        disable,
      })
      if (disable) {
        summary.disabled += 1
        logger.warn('subscription disabled', { subscriptionId: subscription.id, reason: disable })
      }
    }
    const scannedTo =
      page.next ?? (page.deliveries.at(-1)?.position ?? subscription.settledBelow - 1) + 1
    const settledBelow = firstOpen ?? scannedTo
    if (settledBelow > subscription.settledBelow) {
      await subscriptions.moveSettledBelow(subscription, settledBelow)
    }
  }

  return {
    run: asFunction('deliverer', async (): Promise<DeliverySummary> => {
      const started = performance.now()
      const outOfTime = () => performance.now() - started > budgetMs
      const summary: DeliverySummary = { delivered: 0, failed: 0, dead: 0, disabled: 0, paused: 0 }
      const queue = await servable((await subscriptions.registry()).subscriptions, summary)
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          try {
            await serve(next, summary, outOfTime)
          } catch (error: unknown) {
            logger.error('subscription not served', {
              subscriptionId: next.id,
              error: errorMessage(error),
            })
          }
        }
      }
      await Promise.all(Array.from({ length: concurrency }, worker))
      if (summary.delivered + summary.failed + summary.dead > 0)
        logger.info('delivered', { ...summary })
      return summary
    }),
  }
}
