import type { Context } from 'hono'
import type { ApiEnv } from '../../shared/http/app-env.js'
import { webhookProblems } from '../../webhooks/problems.js'
import { requireCaller } from '../auth/api-key.js'
import type { ApiDeps } from '../deps.js'

/**
 * The subscription `id` if the caller may see it: its own partner's (by key or by one of
 * its users), or staff. Another partner's, or a deleted one, is 404: its existence is not
 * the caller's to know.
 *
 * @example const { subscription, caller } = await visibleSubscription(c, deps, id)
 */
export const visibleSubscription = async (c: Context<ApiEnv>, deps: ApiDeps, id: string) => {
  const caller = await requireCaller(c, deps, 'subscriptions:write')
  const subscription = await deps.webhooks.subscriptions.get(id)
  if (!subscription || subscription.status === 'deleted')
    throw webhookProblems.subscriptionNotFound(id)
  if (caller.kind === 'partner' && subscription.partnerId !== caller.partnerId) {
    throw webhookProblems.subscriptionNotFound(id)
  }
  return { subscription, caller }
}

/** Who a caller is, as a subscription's records name them (`createdBy`, `requestedBy`). */
export const actorOf = (caller: Awaited<ReturnType<typeof visibleSubscription>>['caller']) =>
  caller.kind === 'partner' ? caller.actor : `staff:${caller.subject}`
