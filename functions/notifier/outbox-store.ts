import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import {
  outboxStateSchema,
  type OutboxState,
  type ReturnKind,
} from '../../domain/notifications/index.js'
import { unlessConditionFails, written } from '../shared/conditional-write.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { queryAll } from '../shared/query-all.js'
import {
  applicationIndex,
  applicationMessagesPrefix,
  dueIndex,
  duePartition,
  editionMessagesPk,
  keyOfRef,
  messageKey,
  outboxItemSchema,
  type OutboxItem,
} from './outbox-layout.js'

export interface OutboxStore {
  /** Queues each message once (a conditional put): how many were new. Re-runs and racing runs add nothing. */
  queue(items: readonly OutboxItem[]): Promise<number>
  /** Up to `limit` pending messages due at `now`, soonest first (the `byDue` index: eventually consistent). */
  due(now: Date, limit: number): Promise<OutboxItem[]>
  /** Takes a message for an attempt if it is still as read (`seen`): false if another run took it or it moved. */
  claim(seen: OutboxItem, next: OutboxState): Promise<boolean>
  /** Writes an attempt's result if the claim still holds: false if its lease lapsed and another run took it. */
  settle(claimed: OutboxItem, next: OutboxState): Promise<boolean>
  /** Every message of an edition, by application then Feed position (consistent). */
  ofEdition(editionId: string): Promise<OutboxItem[]>
  /**
   * Every message of one application, by Feed position then recipient (`byApplication`:
   * eventually consistent, a write shows within a second or so).
   */
  ofApplication(applicationId: string): Promise<OutboxItem[]>
  /** A sent message came back (a hard bounce, a complaint): false if the reference names no sent message. */
  markReturned(ref: string, kind: ReturnKind, at: string): Promise<boolean>
  /** The message a reference names, if any. */
  find(ref: string): Promise<OutboxItem | undefined>
}

const stateFields = Object.keys(outboxStateSchema.shape) as (keyof OutboxState)[]

/**
 * An UpdateItem that makes the item's state `next`: every state field set or removed, and
 * the `byDue` keys kept only while it is pending (a sparse index of what is left to send).
 */
const stateUpdate = (next: OutboxState) => {
  const names: Record<string, string> = {}
  const values: Record<string, unknown> = {}
  const sets: string[] = []
  const removes: string[] = []
  for (const field of stateFields) {
    names[`#${field}`] = field
    const value = next[field]
    if (value === undefined) removes.push(`#${field}`)
    else {
      sets.push(`#${field} = :${field}`)
      values[`:${field}`] = value
    }
  }
  if (next.status === 'pending' && next.dueAt) {
    sets.push('duePk = :duePk', 'dueSk = :dueAt')
    values[':duePk'] = duePartition
    values[':dueAt'] = next.dueAt
  } else removes.push('duePk', 'dueSk')
  const update = `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`
  return { names, values, update }
}

/**
 * The outbox over DynamoDB (layout in outbox-layout.ts). Every change of a message is one
 * conditional write on its own item, so two notifier runs never both take one attempt.
 *
 * @example const outbox = createOutboxStore({ doc, table: names.outbox })
 */
export const createOutboxStore = ({
  doc,
  table,
}: {
  doc: DocumentClient
  table: string
}): OutboxStore => {
  const keyOf = (item: OutboxItem) =>
    messageKey(item.editionId, item.applicationId, item.position, item.recipient)

  const change = (
    item: OutboxItem,
    next: OutboxState,
    condition: string,
    seen: Record<string, unknown>,
  ) => {
    const { names, values, update } = stateUpdate(next)
    return written(() =>
      doc.send(
        new UpdateCommand({
          TableName: table,
          Key: keyOf(item),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ...values, ...seen },
        }),
      ),
    )
  }

  const find: OutboxStore['find'] = async (ref) => {
    const key = keyOfRef(ref)
    if (!key) return undefined
    const { Item } = await doc.send(
      new GetCommand({ TableName: table, Key: key, ConsistentRead: true }),
    )
    return Item ? outboxItemSchema.parse(Item) : undefined
  }

  return {
    async queue(items) {
      const results = await Promise.all(
        items.map((item) =>
          written(() =>
            doc.send(
              new PutCommand({
                TableName: table,
                Item: {
                  ...keyOf(item),
                  ...item,
                  ...(item.status === 'pending' && item.dueAt
                    ? { duePk: duePartition, dueSk: item.dueAt }
                    : {}),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              }),
            ),
          ),
        ),
      )
      return results.filter(Boolean).length
    },

    async due(now, limit) {
      const { Items = [] } = await doc.send(
        new QueryCommand({
          TableName: table,
          IndexName: dueIndex,
          KeyConditionExpression: 'duePk = :due AND dueSk <= :now',
          ExpressionAttributeValues: { ':due': duePartition, ':now': now.toISOString() },
          Limit: limit,
        }),
      )
      return Items.map((item) => outboxItemSchema.parse(item))
    },

    claim: (seen, next) =>
      change(
        seen,
        next,
        '#status = :wasPending AND #attempts = :wasAttempts AND #dueAt = :wasDueAt',
        {
          ':wasPending': 'pending',
          ':wasAttempts': seen.attempts,
          ':wasDueAt': seen.dueAt,
        },
      ),

    settle: (claimed, next) =>
      change(
        claimed,
        next,
        '#status = :wasPending AND #attempts = :wasAttempts AND #inFlight = :wasInFlight',
        {
          ':wasPending': 'pending',
          ':wasAttempts': claimed.attempts,
          ':wasInFlight': true,
        },
      ),

    ofEdition: (editionId) =>
      queryAll(
        doc,
        {
          TableName: table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
          ExpressionAttributeValues: { ':pk': editionMessagesPk(editionId), ':msg': 'msg#' },
          ConsistentRead: true,
        },
        (item) => outboxItemSchema.parse(item),
      ),

    ofApplication: (applicationId) =>
      queryAll(
        doc,
        {
          TableName: table,
          IndexName: applicationIndex,
          KeyConditionExpression: 'applicationId = :id AND begins_with(sk, :msg)',
          ExpressionAttributeValues: {
            ':id': applicationId,
            ':msg': applicationMessagesPrefix(applicationId),
          },
        },
        (item) => outboxItemSchema.parse(item),
      ),

    async markReturned(ref, kind, at) {
      const key = keyOfRef(ref)
      if (!key) return false
      const updated = await unlessConditionFails(() =>
        doc.send(
          new UpdateCommand({
            TableName: table,
            Key: key,
            UpdateExpression: 'SET #returned = :returned',
            ConditionExpression: '#status = :sent',
            ExpressionAttributeNames: { '#returned': 'returned', '#status': 'status' },
            ExpressionAttributeValues: { ':returned': { kind, at }, ':sent': 'sent' },
          }),
        ),
      )
      return updated !== undefined
    },

    find,
  }
}
