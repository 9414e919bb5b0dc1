import { randomBytes } from 'node:crypto'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { createApiKeyStore, type ApiKeyStore } from './api-key-store.js'
import type { RandomBytes } from './api-keys.js'
import { createCheckpointStore, type CheckpointStore } from './dispatch-checkpoint.js'
import { createDeliveryStore, type DeliveryStore } from './delivery-store.js'
import { createSubscriptionStore, type SubscriptionStore } from './subscription-store.js'
import { systemLookup, type Lookup, type TargetPolicy } from './url-safety.js'
import { generateSigningSecret } from './webhook-signing.js'

/** The Partners table's stores, as the dispatcher, deliverer and API use them. */
export interface PartnerStores {
  readonly keys: ApiKeyStore
  readonly subscriptions: SubscriptionStore
  readonly deliveries: DeliveryStore
  readonly checkpoints: CheckpointStore
}

/** What the API's partner routes need: the stores, where webhooks may go, new secrets. */
export interface PartnerServices extends PartnerStores {
  readonly policy: TargetPolicy
  readonly lookup: Lookup
  readonly newSecret: () => string
}

export interface PartnerServicesOptions {
  readonly doc: DocumentClient
  /** The Partners table's physical name. */
  readonly table: string
  readonly policy?: TargetPolicy
  readonly lookup?: Lookup
  readonly random?: RandomBytes
}

/**
 * Every store over one Partners table.
 *
 * @example const { subscriptions, deliveries } = createPartnerStores({ doc, table })
 */
export const createPartnerStores = ({
  doc,
  table,
  random,
}: PartnerServicesOptions): PartnerStores => ({
  keys: createApiKeyStore({ doc, table, ...(random ? { random } : {}) }),
  subscriptions: createSubscriptionStore({ doc, table }),
  deliveries: createDeliveryStore({ doc, table }),
  checkpoints: createCheckpointStore({ doc, table }),
})

/**
 * The stores plus the target policy (https only and no private address, unless told).
 *
 * @example const partners = createPartnerServices({ doc, table, policy: targetPolicyFromEnv(env) })
 */
export const createPartnerServices = (options: PartnerServicesOptions): PartnerServices => ({
  ...createPartnerStores(options),
  policy: options.policy ?? { allowHttp: false, allowedHosts: [] },
  lookup: options.lookup ?? systemLookup,
  newSecret: () => generateSigningSecret(options.random ?? randomBytes),
})
