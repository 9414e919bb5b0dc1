import { fileURLToPath } from 'node:url'
import { v7 as uuidv7 } from 'uuid'
import { createDynamoFeed } from '../feed/dynamo-feed.js'
import { createApiKeyStore } from '../partner-access/api-key-store.js'
import { createReadModels } from '../projector/read-models.js'
import { documentClientFromEnv } from '../shared/dynamo-client.js'
import { createLogger } from '../shared/logger.js'
import { countAppended, createMetrics } from '../shared/metrics.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { vaultFromEnv } from '../personal-data/vault-from-env.js'
import { createEventSourcing } from '../store/event-sourcing.js'
import { createWebhookServices } from '../webhooks/services.js'
import { targetPolicyFromEnv } from '../webhooks/target-policy.js'
import { createApp } from './app.js'
import { createTokenVerifier } from './auth/token-verifier.js'
import { apiConfigSchema, tokenSourceOf } from './config.js'
import { loadPageAssets } from './pages/assets.js'

// Module scope: parsed and connected once per Lambda container (or node process).
const config = apiConfigSchema.parse(process.env)
const names = tableNamesFromEnv(process.env, [
  'events',
  'guards',
  'snapshots',
  'feed',
  'partners',
  'readModels',
  'keys',
])
const doc = documentClientFromEnv(process.env)
const logger = createLogger('api')
const personalData = vaultFromEnv(process.env, doc)
const metrics = createMetrics(process.env)

const verifier = createTokenVerifier(tokenSourceOf(config))

// Built by infra/page-assets.ts beside this file (npm start) or beside index.mjs (the bundle).
export const pageAssets = loadPageAssets(fileURLToPath(new URL('./page-assets/', import.meta.url)))
const staffLogin =
  config.STAFF_LOGIN_DOMAIN && config.STAFF_LOGIN_CLIENT_ID
    ? { domain: config.STAFF_LOGIN_DOMAIN, clientId: config.STAFF_LOGIN_CLIENT_ID }
    : undefined

const onSnapshotError = (error: unknown) => logger.warn('snapshot not written', { error })

/**
 * The app wired to the environment: what Lambda and `npm start` serve.
 *
 * @example serve({ fetch: app.fetch, port: 3000 })
 */
export const app = createApp({
  ...createEventSourcing({ doc, tables: names, onSnapshotError, personalData }),
  personalData,
  verifier,
  logger,
  clock: () => new Date(),
  newId: uuidv7,
  onAppended: countAppended(metrics),
  corsOrigins: config.CORS_ORIGINS,
  rateLimits: { public: config.PUBLIC_RATE_LIMIT, partner: config.PARTNER_RATE_LIMIT },
  feed: createDynamoFeed({ doc, table: names.feed }),
  readModels: createReadModels({ doc, table: names.readModels }),
  apiKeys: createApiKeyStore({ doc, table: names.partners }),
  webhooks: createWebhookServices({
    doc,
    table: names.partners,
    policy: targetPolicyFromEnv(process.env),
    maxSubscriptionsPerPartner: config.MAX_SUBSCRIPTIONS_PER_PARTNER,
  }),
  pages: { assets: pageAssets, staffLogin },
})
