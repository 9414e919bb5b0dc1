import type { Context } from 'hono'
import type { ApiEnv } from '../http/app-env.js'
import { apiProblems } from '../http/problems.js'

/**
 * The effective time of a command: now, or — for staff recording history —
 * the `occurredAt` they give (kept in the event's metadata with the override).
 *
 * @example const now = effectiveTime(c, body.occurredAt, deps.clock)
 */
export const effectiveTime = (c: Context<ApiEnv>, occurredAt: string | undefined, clock: () => Date) => {
  if (occurredAt === undefined) return clock().toISOString()
  if (!c.var.principal?.roles.includes('admin')) {
    throw apiProblems.forbidden('Only staff may record a fact with occurredAt')
  }
  if (Date.parse(occurredAt) > clock().getTime()) {
    throw apiProblems.occurredInTheFuture()
  }
  return occurredAt
}
