import { performance } from 'node:perf_hooks'
import { classifyResponse, failureMessage } from '../../../domain/webhooks/delivery.js'
import { testEventBody } from '../../../domain/webhooks/test-event.js'
import type { WebhookSender } from '../delivery/http-sender.js'
import { signedHeaders, webhookIdOf } from '../signing.js'
import { signingSecrets, type Subscription } from '../subscriptions/subscription-item.js'
import type { TestEventRecord, TestEventStore } from './test-event-store.js'

export interface TestEventRequest {
  /** `tst_…`: never an event's id, so its `webhook-id` is never a real delivery's. */
  readonly testId: string
  readonly requestedBy: string
  readonly now: Date
}

/**
 * Sends one signed test event (`subscription.tested`) to a subscription's URL at once,
 * through the deliverer's own sender (the target checked again, the connection pinned, no
 * redirect followed, a timeout) and signed with the secrets signing now, so a receiver
 * verifies it exactly as it will verify real events; records what came back. One attempt:
 * a test that fails is for the partner to read, not for the retry schedule.
 *
 * @example const test = await sendTestEvent({ send, testEvents }, subscription, { testId, requestedBy, now })
 */
export const sendTestEvent = async (
  { send, testEvents }: { send: WebhookSender; testEvents: TestEventStore },
  subscription: Pick<Subscription, 'id' | 'partnerId' | 'url' | 'secrets'>,
  { testId, requestedBy, now }: TestEventRequest,
): Promise<TestEventRecord> => {
  const sentAt = now.toISOString()
  const body = JSON.stringify(testEventBody(subscription.id, testId, sentAt))
  const webhookId = webhookIdOf(subscription.id, testId)
  const headers = signedHeaders({
    secrets: signingSecrets(subscription, now),
    webhookId,
    timestamp: now,
    body,
  })
  const started = performance.now()
  const result = await send({ url: subscription.url, headers, body })
  const latencyMs = Math.round(performance.now() - started)
  const outcome =
    result.kind === 'response'
      ? classifyResponse(result.statusCode)
      : { kind: 'retryable' as const, reason: result.reason }
  const test: TestEventRecord = {
    testId,
    subscriptionId: subscription.id,
    partnerId: subscription.partnerId,
    webhookId,
    sentAt,
    requestedBy,
    delivered: outcome.kind === 'success',
    ...(result.kind === 'response' ? { statusCode: result.statusCode } : {}),
    // Our short message for its reason, never the raw network or TLS text (issue 20).
    ...(outcome.kind === 'success'
      ? {}
      : { error: failureMessage(outcome.reason, result.kind === 'response' ? result.statusCode : undefined) }),
    latencyMs,
  }
  await testEvents.record(test)
  return test
}
