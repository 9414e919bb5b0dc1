import { TransactionCanceledException } from '@aws-sdk/client-dynamodb'
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { EventFilter } from '../../domain/subscriptions/filter.js'
import { healthyState } from '../../domain/subscriptions/health.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import {
  checkpointKey,
  registryVersionKey,
  subscriptionKey,
  subscriptionsPk,
} from './partner-table.js'
import { subscriptionSchema, type Subscription } from './subscription-item.js'
import { subscriptionUpdates, type SubscriptionUpdates } from './subscription-updates.js'

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
}

/** Every live subscription, and the registry's version when they were read. */
export interface Registry {
  readonly version: number
  readonly subscriptions: readonly Subscription[]
}

export interface SubscriptionStore extends SubscriptionUpdates {
  /** Throws CheckpointPassedError if the dispatcher is already past `startsAfter`. */
  create(input: NewSubscription): Promise<Subscription>
  /** Consistent read; deleted subscriptions too (callers decide what to show). */
  get(id: string): Promise<Subscription | undefined>
  /** Active and disabled subscriptions (not deleted), with the registry's version. */
  registry(): Promise<Registry>
}

const newSubscription = (input: NewSubscription): Subscription => {
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
 * @example const subscription = await subscriptions.create({ id, partnerId, url, … })
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
    const subscription = newSubscription(input)
    const bumpVersion = {
      TableName: table,
      Key: registryVersionKey,
      UpdateExpression: 'ADD version :one',
    }
    await doc
      .send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: { ...subscriptionKey(input.id), ...subscription },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Update: { ...bumpVersion, ExpressionAttributeValues: { ':one': 1 } } },
            {
              // The dispatcher must not have passed `startsAfter` already, with a registry
              // that did not hold this subscription: it would never match those events.
              ConditionCheck: {
                TableName: table,
                Key: checkpointKey,
                ConditionExpression: 'attribute_not_exists(#position) OR #position <= :startsAfter',
                ExpressionAttributeNames: { '#position': 'position' },
                ExpressionAttributeValues: { ':startsAfter': input.startsAfter },
              },
            },
          ],
        }),
      )
      .catch((error: unknown) => {
        const reasons =
          error instanceof TransactionCanceledException ? error.CancellationReasons : []
        if (reasons?.[2]?.Code === 'ConditionalCheckFailed')
          throw new CheckpointPassedError(input.startsAfter)
        throw error
      })
    return subscription
  }

  const registry = async () => {
    let version = 0
    const subscriptions: Subscription[] = []
    let start: Record<string, unknown> | undefined
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': subscriptionsPk },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      )
      for (const item of page.Items ?? []) {
        if (item.sk === registryVersionKey.sk) version = Number(item.version)
        else subscriptions.push(subscriptionSchema.parse(item))
      }
      start = page.LastEvaluatedKey
    } while (start)
    return { version, subscriptions: subscriptions.filter((s) => s.status !== 'deleted') }
  }

  return { create, get, registry, ...subscriptionUpdates({ doc, table, get }) }
}
