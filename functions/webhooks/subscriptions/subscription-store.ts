import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { EventFilter } from '../../../domain/partner-access/filter.js'
import { healthyState } from '../../../domain/webhooks/health.js'
import type { DocumentClient } from '../../shared/dynamo-client.js'
import { cancellationOf, namedTransaction } from '../../shared/dynamo-errors.js'
import {
  checkpointKey,
  partnerSubscriptionsKey,
  registryVersionKey,
  subscriptionKey,
  subscriptionsPk,
} from '../../shared/partners-table.js'
import { queryAll } from '../../shared/query-all.js'
import { subscriptionSchema, type Subscription } from './subscription-item.js'
import { subscriptionUpdates, type SubscriptionUpdates } from './subscription-updates.js'

/** The partner holds as many live subscriptions as it may. */
export class SubscriptionLimitError extends Error {
  override readonly name = 'SubscriptionLimitError'
  constructor(readonly limit: number) {
    super(`A partner may hold ${limit} subscriptions`)
  }
}

/** The dispatcher moved past the Feed head read for a new subscription: read it again. */
export class CheckpointPassedError extends Error {
  override readonly name = 'CheckpointPassedError'
  constructor(readonly startsAfter: number) {
    super(`The dispatcher is already past position ${startsAfter}`)
  }
}

export interface NewSubscription {
  readonly id: string
  readonly partnerId: string
  readonly url: string
  readonly filter: EventFilter
  readonly secret: string
  /** The Feed head when it is made: it gets the events after that position. */
  readonly startsAfter: number
  readonly createdBy: string
  readonly now: Date
  /** The partner's live subscriptions may not go beyond this (20 unless told). */
  readonly limit?: number
}

/** Live subscriptions one partner may hold unless the stage says otherwise. */
export const defaultMaxSubscriptionsPerPartner = 20

/** Every live subscription, and the registry's version when they were read. */
interface Registry {
  readonly version: number
  readonly subscriptions: readonly Subscription[]
}

export interface SubscriptionStore extends SubscriptionUpdates {
  /**
   * Throws SubscriptionLimitError if the partner already holds `limit` live ones, and
   * CheckpointPassedError if the dispatcher is already past `startsAfter`.
   */
  create(input: NewSubscription): Promise<Subscription>
  /** Consistent read; deleted subscriptions too (callers decide what to show). */
  get(id: string): Promise<Subscription | undefined>
  /** Active and disabled subscriptions (not deleted), with the registry's version. */
  registry(): Promise<Registry>
}

const newSubscription = ({ limit: _, ...input }: NewSubscription): Subscription => {
  const createdAt = input.now.toISOString()
  return subscriptionSchema.parse({
    ...input,
    status: 'active',
    createdAt,
    secrets: [{ secret: input.secret, createdAt }],
    health: healthyState,
    settledBelow: input.startsAfter + 1,
    redrives: 0,
  })
}

/**
 * Webhook subscriptions in the Partners table, all in one partition (a partner has a
 * handful): the dispatcher lists them with one consistent Query.
 *
 * @example
 *   await subscriptions.create({ id, partnerId, url, filter, secret, startsAfter, createdBy, now })
 */
export const createSubscriptionStore = ({
  doc,
  table,
}: {
  doc: DocumentClient
  table: string
}): SubscriptionStore => {
  const get = async (id: string) => {
    const { Item } = await doc.send(
      new GetCommand({ TableName: table, Key: subscriptionKey(id), ConsistentRead: true }),
    )
    return Item ? subscriptionSchema.parse(Item) : undefined
  }

  const create = async (input: NewSubscription) => {
    const limit = input.limit ?? defaultMaxSubscriptionsPerPartner
    const subscription = newSubscription(input)
    const transaction = namedTransaction({
      subscription: {
        Put: {
          TableName: table,
          Item: { ...subscriptionKey(input.id), ...subscription },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      registry: {
        Update: {
          TableName: table,
          Key: registryVersionKey,
          UpdateExpression: 'ADD version :one',
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
      // The cap holds under concurrent creations: the count moves in the same transaction.
      count: {
        Update: {
          TableName: table,
          Key: partnerSubscriptionsKey(input.partnerId),
          UpdateExpression: 'ADD #live :one',
          ConditionExpression: 'attribute_not_exists(#live) OR #live < :limit',
          ExpressionAttributeNames: { '#live': 'live' },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit },
        },
      },
      // The dispatcher must not have passed `startsAfter` already, with a registry that
      // did not hold this subscription: it would never match those events.
      checkpoint: {
        ConditionCheck: {
          TableName: table,
          Key: checkpointKey,
          ConditionExpression: 'attribute_not_exists(#position) OR #position <= :startsAfter',
          ExpressionAttributeNames: { '#position': 'position' },
          ExpressionAttributeValues: { ':startsAfter': input.startsAfter },
        },
      },
    })
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: transaction.TransactItems }))
    } catch (error: unknown) {
      const refused = cancellationOf(error, transaction.kinds)
      if (refused?.conditionFailed.includes('count')) throw new SubscriptionLimitError(limit)
      if (refused?.conditionFailed.includes('checkpoint'))
        throw new CheckpointPassedError(input.startsAfter)
      throw error
    }
    return subscription
  }

  const registry = async () => {
    let version = 0
    const subscriptions: Subscription[] = []
    const items = await queryAll(
      doc,
      {
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': subscriptionsPk },
        ConsistentRead: true,
      },
      (item) => item,
    )
    for (const item of items) {
      if (item.sk === registryVersionKey.sk) version = Number(item.version)
      else subscriptions.push(subscriptionSchema.parse(item))
    }
    return { version, subscriptions: subscriptions.filter((s) => s.status !== 'deleted') }
  }

  return { create, get, registry, ...subscriptionUpdates({ doc, table, get }) }
}
