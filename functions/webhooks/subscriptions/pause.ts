import type { SubscriptionStore } from './subscription-store.js'
import type { Subscription } from './subscription-item.js'

/**
 * Why a subscription its partner paused is disabled. While paused, events still match it
 * and their deliveries wait (the dispatcher records them, the deliverer leaves a disabled
 * subscription alone); resumed, they go out in order, with their retry budget intact.
 */
export const pausedReason = 'paused by the partner'

/** Whether the subscription is disabled because its partner paused it. */
export const isPaused = (subscription: Pick<Subscription, 'status' | 'disabledReason'>): boolean =>
  subscription.status === 'disabled' && subscription.disabledReason === pausedReason

/**
 * Pauses a subscription: nothing is posted to it until it is resumed.
 *
 * @example await pauseSubscription(webhooks.subscriptions, subscription, now)
 */
export const pauseSubscription = (
  subscriptions: SubscriptionStore,
  subscription: Pick<Subscription, 'id'>,
  now: Date,
) => subscriptions.disable(subscription.id, pausedReason, now)

/**
 * Resumes a paused (or disabled) subscription: active and healthy again, its waiting
 * deliveries due from where the deliverer had settled (a redrive also sends dead letters).
 *
 * @example await resumeSubscription(webhooks.subscriptions, subscription)
 */
export const resumeSubscription = (
  subscriptions: SubscriptionStore,
  subscription: Pick<Subscription, 'id' | 'settledBelow'>,
) => subscriptions.reactivate(subscription.id, subscription.settledBelow)
