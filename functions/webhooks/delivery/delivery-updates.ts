import type { Attempt } from '../../../domain/webhooks/attempts.js'
import type { DeliveryState } from '../../../domain/webhooks/delivery.js'
import {
  deadLetterIndexPk,
  deliveredRetentionDays,
  epochSeconds,
} from '../../shared/partners-table.js'
import type { Delivery } from './delivery-item.js'

const stateFields = [
  'nextAttemptAt',
  'lastAttemptAt',
  'lastStatusCode',
  'lastErrorCode',
  'lastError',
  'deliveredAt',
  'deadAt',
] as const

/**
 * The UpdateItem that writes an attempt's result over a claimed delivery: the state's
 * fields set or removed, the dead-letter index entry for a dead one, an expiry for a
 * delivered one, and its attempts' log (`history`, when given) with this one at the end; only
 * while the claim (its attempt count) still holds, so the log written is the one read.
 *
 * @example doc.send(new UpdateCommand({ TableName, Key, ...settleUpdate(claimed, next, history) }))
 */
export const settleUpdate = (
  claimed: Delivery,
  next: DeliveryState,
  history?: readonly Attempt[],
) => {
  const values: Record<string, unknown> = {
    ':status': next.status,
    ':attempts': next.attempts,
    ':claimed': claimed.attempts + 1,
    ':pending': 'pending',
  }
  const sets = ['#status = :status', 'attempts = :attempts']
  const removes: string[] = []
  for (const field of stateFields) {
    const value = next[field]
    if (value === undefined) removes.push(field)
    else {
      sets.push(`${field} = :${field}`)
      values[`:${field}`] = value
    }
  }
  if (history) {
    sets.push('history = :history')
    values[':history'] = history
  }
  if (next.status === 'dead') {
    sets.push('gsi1pk = :deadPk', 'gsi1sk = :deadSk')
    values[':deadPk'] = deadLetterIndexPk(claimed.subscriptionId)
    values[':deadSk'] = String(claimed.position).padStart(12, '0')
  } else removes.push('gsi1pk', 'gsi1sk')
  if (next.status === 'delivered' && next.deliveredAt) {
    sets.push('expiresAt = :expiresAt')
    values[':expiresAt'] = epochSeconds(next.deliveredAt, deliveredRetentionDays)
  }
  return {
    UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
    ConditionExpression: '#status = :pending AND attempts = :claimed',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: values,
  }
}
