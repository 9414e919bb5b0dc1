import {
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb'
import type { Attempt } from '../../../domain/webhooks/attempts.js'
import type { DeliveryState, DeliveryStatus } from '../../../domain/webhooks/delivery.js'
import { batchWriteAll } from '../../feed/batch-io.js'
import { unlessConditionFails, written } from '../../shared/conditional-write.js'
import type { DocumentClient } from '../../shared/dynamo-client.js'
import {
  byStatusIndex,
  deadLetterIndexPk,
  deliveriesEnd,
  deliveryKey,
  deliveryPk,
  deliverySk,
  positionOfDeliverySk,
} from '../../shared/partners-table.js'
import { queryAll } from '../../shared/query-all.js'
import { deliverySchema, type Delivery, type NewDelivery } from './delivery-item.js'
import { settleUpdate } from './delivery-updates.js'

interface DeliveryPage {
  readonly deliveries: Delivery[]
  /** Where the next page starts (a position), when there is one. */
  readonly next?: number
}

export interface DeliveryStore {
  /** Records a delivery once: false if it was already there (a dispatcher re-run). */
  record(delivery: NewDelivery): Promise<boolean>
  /**
   * Writes deliveries over whatever each position held (a replay's): the earlier
   * delivery of that event, settled or not, is superseded by the new one.
   */
  replace(deliveries: readonly NewDelivery[]): Promise<void>
  /**
   * Up to `limit` of the subscription's deliveries from position `from` on, oldest first,
   * read consistently (one Query): where the deliverer looks for due ones.
   */
  readFrom(subscriptionId: string, from: number, limit: number): Promise<DeliveryPage>
  /**
   * Takes a due delivery for one attempt (counted now, due again after the lease if the
   * run dies): its body, or undefined if another run took it, it is no longer due, or a
   * replay replaced it (another `webhook-id`) since it was read.
   */
  claim(delivery: Delivery, now: Date, leaseMs: number): Promise<string | undefined>
  /** Writes the attempt's result (and the attempts' log, when given), if the claim still holds. */
  settle(claimed: Delivery, next: DeliveryState, history?: readonly Attempt[]): Promise<boolean>
  /**
   * The delivery log, newest first, `before` a position; `failed`: only deliveries whose
   * last attempt failed (retrying or dead).
   */
  log(
    subscriptionId: string,
    options: {
      before?: number | undefined
      limit: number
      status?: DeliveryStatus | undefined
      failed?: boolean | undefined
    },
  ): Promise<DeliveryPage>
  deadLetters(subscriptionId: string): Promise<Delivery[]>
  /** Dead → pending with a fresh budget; false if it was not dead any more. */
  redrive(delivery: Delivery, now: Date): Promise<boolean>
}

/**
 * Deliveries in the Partners table, one item per (subscription, event) under the
 * subscription's partition in Feed order (see shared/partners-table.ts).
 *
 * @example const page = await deliveries.log(subscriptionId, { limit: 50 })
 */
export const createDeliveryStore = ({
  doc,
  table,
}: {
  doc: DocumentClient
  table: string
}): DeliveryStore => {
  /** Claim, settle and redrive each update the delivery's own item, on a condition. */
  const update = (delivery: Delivery, input: Omit<UpdateCommandInput, 'TableName' | 'Key'>) =>
    doc.send(
      new UpdateCommand({
        TableName: table,
        Key: deliveryKey(delivery.subscriptionId, delivery.position),
        ...input,
      }),
    )

  return {
    record: (delivery) =>
      written(() =>
        doc.send(
          new PutCommand({
            TableName: table,
            Item: { ...deliveryKey(delivery.subscriptionId, delivery.position), ...delivery },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      ),

    replace: (replacements) =>
      batchWriteAll(
        doc,
        table,
        replacements.map((delivery) => ({
          PutRequest: {
            Item: { ...deliveryKey(delivery.subscriptionId, delivery.position), ...delivery },
          },
        })),
      ),

    async readFrom(subscriptionId, from, limit) {
      const { Items, LastEvaluatedKey } = await doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': deliveryPk(subscriptionId),
            ':from': deliverySk(from),
            ':to': deliveriesEnd,
          },
          ConsistentRead: true,
          Limit: limit,
        }),
      )
      const deliveries = (Items ?? []).map((item) => deliverySchema.parse(item))
      const last = deliveries.at(-1)
      return { deliveries, ...(LastEvaluatedKey && last ? { next: last.position + 1 } : {}) }
    },

    async claim(delivery, now, leaseMs) {
      const claimed = await unlessConditionFails(() =>
        update(delivery, {
          UpdateExpression: 'SET attempts = :next, nextAttemptAt = :lease, lastAttemptAt = :now',
          ConditionExpression:
            '#status = :pending AND attempts = :seen AND nextAttemptAt <= :now AND webhookId = :id',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':seen': delivery.attempts,
            ':id': delivery.webhookId,
            ':next': delivery.attempts + 1,
            ':now': now.toISOString(),
            ':lease': new Date(now.getTime() + leaseMs).toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      )
      const payload: unknown = claimed?.Attributes?.payload
      return typeof payload === 'string' ? payload : undefined
    },

    settle: (claimed, next, history) =>
      written(() => update(claimed, settleUpdate(claimed, next, history))),

    async log(subscriptionId, { before, limit, status, failed }) {
      // A failed attempt leaves its error on the delivery until one succeeds (delivery.ts).
      const filters = [
        ...(status ? ['#status = :status'] : []),
        ...(failed ? ['attribute_exists(lastError)'] : []),
      ]
      const { Items, LastEvaluatedKey } = await doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': deliveryPk(subscriptionId),
            ':from': deliverySk(0),
            ':to': before === undefined ? deliveriesEnd : deliverySk(before - 1),
            ...(status ? { ':status': status } : {}),
          },
          ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
          ...(status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ScanIndexForward: false,
          Limit: limit,
        }),
      )
      const deliveries = (Items ?? []).map((item) => deliverySchema.parse(item))
      const lastKey =
        typeof LastEvaluatedKey?.sk === 'string'
          ? positionOfDeliverySk(LastEvaluatedKey.sk)
          : undefined
      return { deliveries, ...(lastKey ? { next: lastKey } : {}) }
    },

    deadLetters: (subscriptionId) =>
      queryAll(
        doc,
        {
          TableName: table,
          IndexName: byStatusIndex,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': deadLetterIndexPk(subscriptionId) },
        },
        (item) => deliverySchema.parse(item),
      ),

    redrive: (delivery, now) =>
      written(() =>
        update(delivery, {
          UpdateExpression:
            'SET #status = :pending, attempts = :zero, nextAttemptAt = :now ' +
            'REMOVE deadAt, gsi1pk, gsi1sk',
          ConditionExpression: '#status = :dead',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':dead': 'dead',
            ':zero': 0,
            ':now': now.toISOString(),
          },
        }),
      ),
  }
}
