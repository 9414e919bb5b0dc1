import { randomBytes } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { sha256, type RandomBytes } from '../shared/secrets.js'

/**
 * A new signing secret as Standard Webhooks' libraries take it: `whsec_` and 32 random
 * bytes in base64.
 *
 * @example new Webhook(generateSigningSecret()).verify(body, headers)
 */
export const generateSigningSecret = (random: RandomBytes = randomBytes): string =>
  `whsec_${Buffer.from(random(32)).toString('base64')}`

/**
 * `webhook-id`: derived from the subscription and the event, so every attempt and every
 * redrive of one event to one subscription carries the same id for the receiver to dedupe.
 * A replay gives the event a new id (the replay's id goes into it), the same on each of
 * the replayed delivery's own attempts.
 *
 * @example webhookIdOf('sub-1', '0190…') // 'msg_…'
 */
export const webhookIdOf = (subscriptionId: string, eventId: string, replayId?: string): string =>
  `msg_${sha256([subscriptionId, eventId, ...(replayId ? [replayId] : [])].join('\n')).slice(0, 32)}`

/**
 * The three Standard Webhooks headers for one attempt. With several secrets (a rotation's
 * overlap) each signs and the signatures go space-separated: a receiver holding either
 * secret verifies.
 *
 * @example signedHeaders({ secrets, webhookId, timestamp: now, body })
 */
export const signedHeaders = ({
  secrets,
  webhookId,
  timestamp,
  body,
}: {
  readonly secrets: readonly string[]
  readonly webhookId: string
  readonly timestamp: Date
  readonly body: string
}): Record<string, string> => ({
  'webhook-id': webhookId,
  'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1_000)),
  'webhook-signature': secrets
    .map((secret) => new Webhook(secret).sign(webhookId, timestamp, body))
    .join(' '),
})
