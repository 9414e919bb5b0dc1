import { v7 as uuidv7 } from 'uuid'
import { createDynamoFeed } from '../feed/dynamo-feed.js'
import { createOutboxStore } from '../notifier/outbox-store.js'
import { createApiKeyStore } from '../partner-access/api-key-store.js'
import { partnerUsersFromEnv } from '../partner-access/users/partner-users-from-env.js'
import { createReadModels } from '../queries/read-models.js'
import { documentClientFromEnv } from '../shared/dynamo-client.js'
import type { Logger } from '../shared/logger.js'
import { countAppended, createMetrics } from '../shared/metrics.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { vaultFromEnv } from '../personal-data/vault-from-env.js'
import { withdrawalLinksFromEnv } from '../personal-data/withdrawal-links.js'
import { createEventSourcing } from '../store/event-sourcing.js'
import { createWebhookServices } from '../webhooks/services.js'
import { targetPolicyFromEnv } from '../webhooks/target-policy.js'
import { createTokenVerifier } from '../shared/http/token-verifier.js'
import { apiConfigSchema, tokenSourceOf } from './config.js'
import { coreConfigFromEnv } from './core-config.js'
import { dynamoHitCounter } from './hit-counter.js'
import type { ApiDeps } from './deps.js'
import { loadPageAssets } from '../website/assets.js'

/**
 * Everything the API needs, from the environment: the settings parsed, the DynamoDB
 * client, the stores, the token verifier, the metrics. Built once per process: at start
 * under `npm start` (app-instance.ts), by the first request that needs it on Lambda
 * (lambda.ts).
 *
 * @example const deps = apiDepsFromEnv(process.env, createLogger('api'), 'functions/http/page-assets')
 */
export const apiDepsFromEnv = (
  env: NodeJS.ProcessEnv,
  logger: Logger,
  pageAssetsDir: string,
): ApiDeps & Required<Pick<ApiDeps, 'pages'>> => {
  const config = apiConfigSchema.parse(env)
  const names = tableNamesFromEnv(env, ['events', 'guards', 'snapshots', 'feed', 'partners', 'readModels', 'keys', 'outbox'])
  const doc = documentClientFromEnv(env)
  const metrics = createMetrics(env)
  const personalData = vaultFromEnv(env, doc)
  const staffLogin =
    config.STAFF_LOGIN_DOMAIN && config.STAFF_LOGIN_CLIENT_ID
      ? { domain: config.STAFF_LOGIN_DOMAIN, clientId: config.STAFF_LOGIN_CLIENT_ID }
      : undefined
  const onSnapshotError = (error: unknown) => logger.warn('snapshot not written', { error })
  return {
    ...createEventSourcing({ doc, tables: names, onSnapshotError, personalData }),
    personalData,
    // The links mailed to applicants (functions/notifier) withdraw as the token shown does.
    withdrawalLinks: withdrawalLinksFromEnv(env, doc),
    verifier: createTokenVerifier(tokenSourceOf(config)),
    logger,
    clock: () => new Date(),
    newId: uuidv7,
    onAppended: countAppended(metrics),
    ...coreConfigFromEnv(env),
    hits: dynamoHitCounter({ doc, table: names.guards }),
    feed: createDynamoFeed({ doc, table: names.feed }),
    readModels: createReadModels({ doc, table: names.readModels }),
    apiKeys: createApiKeyStore({ doc, table: names.partners }),
    outbox: createOutboxStore({ doc, table: names.outbox }),
    partnerUsers: partnerUsersFromEnv(env, () => new Date()),
    webhooks: createWebhookServices({
      doc,
      table: names.partners,
      policy: targetPolicyFromEnv(env),
      maxSubscriptionsPerPartner: config.MAX_SUBSCRIPTIONS_PER_PARTNER,
    }),
    pages: { assets: loadPageAssets(pageAssetsDir), staffLogin },
  }
}
