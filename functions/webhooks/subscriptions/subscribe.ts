import type { EventFilter } from '../../../domain/partner-access/filter.js'
import type { FeedReader } from '../../feed/feed.js'
import type { WebhookServices } from '../services.js'
import { checkTarget } from '../url-safety.js'
import { CheckpointPassedError } from './subscription-store.js'

interface SubscribeRequest {
  readonly id: string
  readonly partnerId: string
  readonly url: string
  readonly filter: EventFilter
  readonly createdBy: string
  readonly now: Date
}

const maxTries = 5

/**
 * Creates a subscription: the target is checked (https, no private address: throws
 * UnsafeTargetError), and it starts after the Feed's head, so it gets the events that
 * happen from now on. Returns it with its signing secret, which is shown only once.
 *
 * @example const { subscription, secret } = await subscribe(webhooks, feed, request)
 */
export const subscribe = async (
  webhooks: WebhookServices,
  feed: FeedReader,
  request: SubscribeRequest,
) => {
  const { url } = await checkTarget(request.url, webhooks.policy, webhooks.lookup)
  const secret = webhooks.newSecret()
  for (let tries = 1; ; tries += 1) {
    const startsAfter = await feed.head()
    try {
      const subscription = await webhooks.subscriptions.create({
        ...request,
        url: url.href,
        secret,
        startsAfter,
        limit: webhooks.maxSubscriptionsPerPartner,
      })
      return { subscription, secret }
    } catch (error: unknown) {
      // The dispatcher passed the head just read: read it again.
      if (!(error instanceof CheckpointPassedError) || tries >= maxTries) throw error
    }
  }
}
