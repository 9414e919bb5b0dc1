import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { healthyState, type SubscriptionHealth } from '../../../domain/webhooks/health.js'
import type { ReplayMarks } from '../../../domain/webhooks/replay-quota.js'
import { unlessConditionFails } from '../../shared/conditional-write.js'
import type { DocumentClient } from '../../shared/dynamo-client.js'
import { partnerSubscriptionsKey, subscriptionKey } from '../../shared/partners-table.js'
import { subscriptionSchema, type Subscription } from './subscription-item.js'

interface HealthUpdate {
  readonly now: Date
  readonly delivered: boolean
  /** The reason to disable the subscription, if it now keeps failing. */
  readonly disable?: string | undefined
}

/** What changes a subscription after it was made: secrets, health, the deliverer's mark. */
export interface SubscriptionUpdates {
  remove(id: string, now: Date): Promise<Subscription | undefined>
  /** A new secret first; the others keep signing until `overlapMs` from now, at most. */
  rotateSecret(
    id: string,
    secret: string,
    now: Date,
    overlapMs: number,
  ): Promise<Subscription | undefined>
  recordHealth(id: string, health: SubscriptionHealth, update: HealthUpdate): Promise<void>
  /** Disabled with a reason: the deliverer leaves it alone until it is reactivated. */
  disable(id: string, reason: string, now: Date): Promise<Subscription | undefined>
  /** An active subscription paused with a reason (its partner lost its last key); else undefined. */
  pause(id: string, reason: string, now: Date): Promise<Subscription | undefined>
  /** A paused subscription active again; undefined if it was not paused. */
  resume(id: string): Promise<Subscription | undefined>
  /** Moves the deliverer's starting point, unless a redrive happened since `seen` was read. */
  moveSettledBelow(
    seen: Pick<Subscription, 'id' | 'settledBelow' | 'redrives'>,
    to: number,
  ): Promise<void>
  /** After a redrive: active, healthy, and the deliverer starts at `settledBelow` or lower. */
  reactivate(id: string, settledBelow: number): Promise<void>
  /**
   * Takes the subscription for a replay with the marks it leaves, if no replay started
   * since `seen` was read (`replaysStarted` unchanged); false when another one did.
   */
  startReplay(seen: Pick<Subscription, 'id' | 'replaysStarted'>, marks: Required<ReplayMarks>): Promise<boolean>
  /** Frees the subscription from the replay holding it until `leaseUntil` (no other). */
  endReplay(id: string, leaseUntil: string): Promise<void>
}

/**
 * The updates of subscription-store.ts, each a conditional UpdateItem that leaves a
 * deleted subscription alone.
 *
 * @example const updates = subscriptionUpdates({ doc, table, get })
 */
export const subscriptionUpdates = ({
  doc,
  table,
  get,
}: {
  doc: DocumentClient
  table: string
  get: (id: string) => Promise<Subscription | undefined>
}): SubscriptionUpdates => {
  const update = async (
    id: string,
    expression: string,
    values: Record<string, unknown>,
    // Unless told otherwise, any subscription but a deleted one.
    condition: { expression: string; values: Record<string, unknown> } = {
      expression: '#status <> :deleted',
      values: { ':deleted': 'deleted' },
    },
  ) => {
    const updated = await unlessConditionFails(() =>
      doc.send(
        new UpdateCommand({
          TableName: table,
          Key: subscriptionKey(id),
          UpdateExpression: expression,
          ConditionExpression: `attribute_exists(pk) AND ${condition.expression}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ...condition.values, ...values },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    )
    return updated && subscriptionSchema.parse(updated.Attributes)
  }

  return {
    // The signing secrets go with the subscription (nothing signs for it again), and the
    // partner's count goes down in the same transaction.
    async remove(id, now) {
      const current = await get(id)
      if (!current || current.status === 'deleted') return undefined
      const removed = await unlessConditionFails(() =>
        doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: subscriptionKey(id),
                  UpdateExpression: 'SET #status = :deleted, deletedAt = :now REMOVE secrets',
                  ConditionExpression: 'attribute_exists(pk) AND #status <> :deleted',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':deleted': 'deleted', ':now': now.toISOString() },
                },
              },
              {
                Update: {
                  TableName: table,
                  Key: partnerSubscriptionsKey(current.partnerId),
                  UpdateExpression: 'ADD #live :minusOne',
                  ConditionExpression: '#live > :zero',
                  ExpressionAttributeNames: { '#live': 'live' },
                  ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
                },
              },
            ],
          }),
        ),
      )
      return removed && { ...current, status: 'deleted' as const, secrets: [] }
    },

    async rotateSecret(id, secret, now, overlapMs) {
      const current = await get(id)
      if (!current || current.status === 'deleted') return undefined
      const until = new Date(now.getTime() + overlapMs).toISOString()
      // Old secrets still signing keep doing so until the overlap ends (or sooner).
      const live = current.secrets.filter(
        (s) => !s.notAfter || Date.parse(s.notAfter) > now.getTime(),
      )
      const kept =
        overlapMs <= 0
          ? []
          : live.map((s) => ({
              ...s,
              notAfter: s.notAfter && s.notAfter < until ? s.notAfter : until,
            }))
      const secrets = [{ secret, createdAt: now.toISOString() }, ...kept]
      return update(id, 'SET secrets = :secrets', { ':secrets': secrets })
    },

    async recordHealth(id, health, { now, delivered, disable }) {
      const sets = ['health = :health', ...(delivered ? ['lastDeliveredAt = :at'] : [])]
      if (disable) sets.push('#status = :disabled', 'disabledReason = :reason', 'disabledAt = :at')
      await update(id, `SET ${sets.join(', ')}`, {
        ':health': health,
        ...(delivered || disable ? { ':at': now.toISOString() } : {}),
        ...(disable ? { ':disabled': 'disabled', ':reason': disable } : {}),
      })
    },

    disable: (id, reason, now) =>
      update(id, 'SET #status = :disabled, disabledReason = :reason, disabledAt = :at', {
        ':disabled': 'disabled',
        ':reason': reason,
        ':at': now.toISOString(),
      }),

    // Only from active: a disabled one stays disabled (its own reason), a deleted one deleted.
    pause: (id, reason, now) =>
      update(
        id,
        'SET #status = :paused, pausedReason = :reason, pausedAt = :at',
        { ':paused': 'paused', ':reason': reason, ':at': now.toISOString() },
        { expression: '#status = :active', values: { ':active': 'active' } },
      ),

    resume: (id) =>
      update(id, 'SET #status = :active REMOVE pausedReason, pausedAt', { ':active': 'active' }, {
        expression: '#status = :paused',
        values: { ':paused': 'paused' },
      }),

    async moveSettledBelow(seen, to) {
      await unlessConditionFails(() =>
        doc.send(
          new UpdateCommand({
            TableName: table,
            Key: subscriptionKey(seen.id),
            UpdateExpression: 'SET settledBelow = :to',
            ConditionExpression: 'settledBelow = :from AND redrives = :redrives',
            ExpressionAttributeValues: {
              ':from': seen.settledBelow,
              ':to': to,
              ':redrives': seen.redrives,
            },
          }),
        ),
      )
    },

    async startReplay(seen, marks) {
      const unchanged =
        seen.replaysStarted === undefined
          ? { expression: '#status <> :deleted AND attribute_not_exists(replaysStarted)', values: { ':deleted': 'deleted' } }
          : { expression: '#status <> :deleted AND replaysStarted = :seen', values: { ':deleted': 'deleted', ':seen': seen.replaysStarted } }
      const taken = await update(
        seen.id,
        'SET replaysStarted = :started, replayDay = :day, replaysToday = :today, replayLeaseUntil = :until',
        {
          ':started': marks.replaysStarted,
          ':day': marks.replayDay,
          ':today': marks.replaysToday,
          ':until': marks.replayLeaseUntil,
        },
        unchanged,
      )
      return taken !== undefined
    },

    async endReplay(id, leaseUntil) {
      await update(id, 'REMOVE replayLeaseUntil', {}, {
        expression: '#status <> :deleted AND replayLeaseUntil = :mine',
        values: { ':deleted': 'deleted', ':mine': leaseUntil },
      })
    },

    async reactivate(id, settledBelow) {
      const current = await get(id)
      if (!current) return
      // Lower is always safe (the deliverer only re-reads settled deliveries); the bump
      // makes a deliverer run that read the subscription before now drop its own move.
      await update(
        id,
        'SET #status = :active, health = :healthy, settledBelow = :below, ' +
          'redrives = redrives + :one REMOVE disabledReason, disabledAt, pausedReason, pausedAt',
        {
          ':active': 'active',
          ':healthy': healthyState,
          ':below': Math.min(current.settledBelow, settledBelow),
          ':one': 1,
        },
      )
    },
  }
}
