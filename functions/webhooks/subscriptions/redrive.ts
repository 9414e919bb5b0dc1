import type { WebhookStores } from '../services.js'
import type { Subscription } from './subscription-item.js'

/**
 * Sends a subscription's dead letters again (fresh retry budget, same `webhook-id`) and
 * makes it active again if it had been disabled. Returns how many were redriven.
 *
 * @example const redriven = await redriveSubscription(webhooks, subscription, new Date())
 */
export const redriveSubscription = async (
  { subscriptions, deliveries }: Pick<WebhookStores, 'subscriptions' | 'deliveries'>,
  subscription: Subscription,
  now: Date,
): Promise<number> => {
  const dead = (await deliveries.deadLetters(subscription.id)).sort(
    (a, b) => a.position - b.position,
  )
  let lowest: number | undefined
  let redriven = 0
  for (const delivery of dead) {
    if (!(await deliveries.redrive(delivery, now))) continue
    redriven += 1
    lowest ??= delivery.position
  }
  if (redriven > 0 || subscription.status === 'disabled') {
    await subscriptions.reactivate(subscription.id, lowest ?? subscription.settledBelow)
  }
  return redriven
}
