import { tables } from './tables.js'

/**
 * The Partners table (functions/shared/tables.ts `partners`: pk S, sk S, TTL `expiresAt`, GSI
 * `byStatus` on gsi1pk/gsi1sk) holds what two modules keep about partners, laid out here
 * once so their keys can never overlap:
 *
 * Partner access (functions/partner-access):
 * - an API key:      `apikey#<keyId>` / `apikey`; in the index under
 *                    `partner#<partnerId>#keys` / `<createdAt>#<keyId>` for the listing.
 *
 * Webhooks (functions/webhooks):
 * - a subscription:  `subs` / `sub#<id>`. Every subscription sits in one partition, so
 *                    the dispatcher lists them with one consistent Query.
 * - the registry:    `subs` / `#version`, bumped with every new subscription, so the
 *                    dispatcher can tell that one appeared while it was matching.
 * - a delivery:      `sub#<subscriptionId>` / `dlv#<position, 12 digits>`; a dead one is
 *                    also in the index under `dead#<subscriptionId>` / `<position>`.
 *                    Delivered ones expire (`expiresAt`) after the log's retention.
 * - a test event:    `sub#<subscriptionId>` / `test#<sentAt>#<testId>`, beside its
 *                    subscription's deliveries but outside their `dlv#` range; expires
 *                    (`expiresAt`) after the log's retention.
 * - the checkpoint:  `dispatcher` / `checkpoint`, the last Feed position dispatched.
 * - a partner's count: `partner#<partnerId>` / `subscriptions`, its live subscriptions,
 *                    moved in the same transaction as each creation and deletion (the cap).
 */
export const byStatusIndex = tables.partners.globalIndexes[0].indexName

export const apiKeyKey = (keyId: string) => ({ pk: `apikey#${keyId}`, sk: 'apikey' })
export const partnerKeysIndexPk = (partnerId: string) => `partner#${partnerId}#keys`

export const subscriptionsPk = 'subs'
export const subscriptionKey = (id: string) => ({ pk: subscriptionsPk, sk: `sub#${id}` })
export const registryVersionKey = { pk: subscriptionsPk, sk: '#version' } as const

export const deliveryPk = (subscriptionId: string) => `sub#${subscriptionId}`
export const deliverySk = (position: number) => `dlv#${String(position).padStart(12, '0')}`
/** Above every delivery's sort key: the end of a subscription's log. */
export const deliveriesEnd = 'dlv#~'
export const deliveryKey = (subscriptionId: string, position: number) => ({
  pk: deliveryPk(subscriptionId),
  sk: deliverySk(position),
})
/** The position a delivery's sort key stands for. */
export const positionOfDeliverySk = (sk: string): number => Number(sk.slice('dlv#'.length))
export const deadLetterIndexPk = (subscriptionId: string) => `dead#${subscriptionId}`
/** A test event's key: newest last in its subscription's `test#` range. */
export const testEventKey = (subscriptionId: string, sentAt: string, testId: string) => ({
  pk: deliveryPk(subscriptionId),
  sk: `${testEventsPrefix}${sentAt}#${testId}`,
})
export const testEventsPrefix = 'test#'

export const partnerSubscriptionsKey = (partnerId: string) => ({
  pk: `partner#${partnerId}`,
  sk: 'subscriptions',
})

export const checkpointKey = { pk: 'dispatcher', sk: 'checkpoint' } as const

/** Delivered deliveries stay in the log this long, then DynamoDB's TTL removes them. */
export const deliveredRetentionDays = 30

/** Epoch seconds, as DynamoDB's TTL wants them. */
export const epochSeconds = (iso: string, plusDays = 0) =>
  Math.floor(Date.parse(iso) / 1_000) + plusDays * 86_400
