import { randomBytes } from 'node:crypto'
import type { DocumentClient } from '../shared/dynamo-client.js'
import type { RandomBytes } from '../shared/secrets.js'
import { createDeliveryStore, type DeliveryStore } from './delivery/delivery-store.js'
import { createWebhookSender, type WebhookSender } from './delivery/http-sender.js'
import { createCheckpointStore, type CheckpointStore } from './dispatch/checkpoint-store.js'
import { generateSigningSecret } from './signing.js'
import {
  createSubscriptionStore,
  defaultMaxSubscriptionsPerPartner,
  type SubscriptionStore,
} from './subscriptions/subscription-store.js'
import { createTestEventStore, type TestEventStore } from './test-events/test-event-store.js'
import { systemLookup, type Lookup, type TargetPolicy } from './url-safety.js'

/** The webhooks' stores in the Partners table, as the dispatcher, deliverer and API use them. */
export interface WebhookStores {
  readonly subscriptions: SubscriptionStore
  readonly deliveries: DeliveryStore
  readonly checkpoints: CheckpointStore
}

/** What the API's subscription routes need: the stores, where webhooks may go, new secrets. */
export interface WebhookServices extends WebhookStores {
  readonly policy: TargetPolicy
  readonly lookup: Lookup
  readonly newSecret: () => string
  readonly maxSubscriptionsPerPartner: number
  /** Test events sent on request (`POST /subscriptions/{id}/test`) and their outcomes. */
  readonly testEvents: TestEventStore
  /** Posts a test event, as the deliverer posts webhooks (the policy and lookup above). */
  readonly send: WebhookSender
}

interface WebhookServicesOptions {
  readonly doc: DocumentClient
  /** The Partners table's physical name. */
  readonly table: string
  readonly policy?: TargetPolicy
  readonly lookup?: Lookup
  readonly random?: RandomBytes
  /** Live subscriptions one partner may hold (a stage setting; 20 unless told). */
  readonly maxSubscriptionsPerPartner?: number
}

/**
 * Every webhook store over the Partners table.
 *
 * @example const { subscriptions, deliveries } = createWebhookStores({ doc, table })
 */
export const createWebhookStores = ({
  doc,
  table,
}: Pick<WebhookServicesOptions, 'doc' | 'table'>): WebhookStores => ({
  subscriptions: createSubscriptionStore({ doc, table }),
  deliveries: createDeliveryStore({ doc, table }),
  checkpoints: createCheckpointStore({ doc, table }),
})

/**
 * The stores plus the target policy (https only and no private address, unless told).
 *
 * @example const webhooks = createWebhookServices({ doc, table, policy: targetPolicyFromEnv(env) })
 */
export const createWebhookServices = (options: WebhookServicesOptions): WebhookServices => {
  const policy = options.policy ?? { allowHttp: false, allowedHosts: [] }
  const lookup = options.lookup ?? systemLookup
  return {
    ...createWebhookStores(options),
    policy,
    lookup,
    newSecret: () => generateSigningSecret(options.random ?? randomBytes),
    maxSubscriptionsPerPartner: options.maxSubscriptionsPerPartner ?? defaultMaxSubscriptionsPerPartner,
    testEvents: createTestEventStore(options),
    send: createWebhookSender({ policy, lookup }),
  }
}
