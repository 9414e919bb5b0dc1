import { defaultDisablePolicy } from '../../domain/webhooks/health.js'
import {
  jitterRatio,
  maxAttempts,
  maxRetryAfterMs,
  retryDelaysMs,
} from '../../domain/webhooks/retry-schedule.js'
import { maxReplayEvents } from '../webhooks/subscriptions/replay.js'

const duration = (ms: number): string => {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`
  if (ms % 60_000 === 0) return `${ms / 60_000} min`
  return `${ms / 1_000} s`
}

/** The retry schedule as data, for the documents' `x-retry-schedule`. */
export const retrySchedule = {
  retryDelaysSeconds: retryDelaysMs.map((ms) => ms / 1_000),
  jitter: jitterRatio,
  maxAttempts,
  maxRetryAfterSeconds: maxRetryAfterMs / 1_000,
}

/**
 * How webhooks are delivered, retried, disabled and recovered, in the catalogue's words:
 * generated from the constants the deliverer runs on, so it cannot go stale.
 */
export const deliveryPolicy = [
  'Each delivery is a POST with a JSON body `{ type, timestamp, data }` and the Standard Webhooks ' +
    'headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (HMAC-SHA256 with your ' +
    'subscription’s `whsec_` secret; two signatures during a secret rotation). `webhook-id` is the ' +
    'same on every attempt of one event: deduplicate on it.',
  'Answer 2xx to accept. 408, 429 and 5xx, timeouts and refused connections are retried after ' +
    `${retryDelaysMs.map(duration).join(', ')} (±${jitterRatio * 100} % jitter; a \`Retry-After\` ` +
    `is honoured up to ${duration(maxRetryAfterMs)}): ${maxAttempts} attempts in all, then the ` +
    'delivery is dead-lettered (`POST /subscriptions/{id}/redrive` sends dead letters again).',
  'Other 4xx answers are not retried: the delivery is dead-lettered at once. `410 Gone` also ' +
    'disables the subscription at once. ' +
    `${defaultDisablePolicy.deadLettersInARow} dead letters in a row, or a dead letter after ` +
    `${duration(defaultDisablePolicy.failingForMs)} without a success, disable it too.`,
  'Order is kept per stream (`data.streamId`): of two events of one stream, the one with the ' +
    'lower `data.sequence` comes first; events of different streams may arrive in any order. ' +
    'After an outage, `POST /subscriptions/{id}/replay` sends every matching event after a ' +
    '`sequence` (or since a time) again, with new `webhook-id`s and a `replay` ' +
    `member in the body (at most ${maxReplayEvents.toLocaleString('en')} events per replay).`,
].join('\n\n')
