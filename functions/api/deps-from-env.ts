import { v7 as uuidv7 } from 'uuid'
import type { JSONWebKeySet } from 'jose'
import { createDynamoFeed } from '../feed/dynamo-feed.js'
import { createApiKeyStore } from '../partner-access/api-key-store.js'
import { createReadModels } from '../projector/read-models.js'
import { documentClientFromEnv } from '../shared/dynamo-client.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { createEventSourcing } from '../store/event-sourcing.js'
import { createWebhookServices } from '../webhooks/services.js'
import { targetPolicyFromEnv } from '../webhooks/target-policy.js'
import { createTokenVerifier } from './auth/token-verifier.js'
import { apiConfigSchema } from './config.js'
import type { CoreDeps } from './core.js'
import type { ApiDeps } from './deps.js'
import { loadPageAssets } from './pages/assets.js'

/**
 * Everything the API's routes need, from the environment: the settings parsed, the
 * DynamoDB client, the stores and the token verifier. Built once per process: at start
 * under `npm start` (app-instance.ts), on the first request that needs a route on Lambda
 * (lazy-app.ts).
 *
 * @example const deps = apiDepsFromEnv(process.env, core, 'functions/api/page-assets')
 */
export const apiDepsFromEnv = (env: NodeJS.ProcessEnv, core: CoreDeps, pageAssetsDir: string): ApiDeps & Required<Pick<ApiDeps, 'pages'>> => {
  const config = apiConfigSchema.parse(env)
  const names = tableNamesFromEnv(env, ['events', 'guards', 'snapshots', 'feed', 'partners', 'readModels'])
  const doc = documentClientFromEnv(env)
  const verifier = createTokenVerifier(
    config.JWKS_URL ? { jwksUrl: config.JWKS_URL } : { jwks: JSON.parse(config.DEV_JWKS ?? '{}') as JSONWebKeySet },
    { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
  )
  const staffLogin =
    config.STAFF_LOGIN_DOMAIN && config.STAFF_LOGIN_CLIENT_ID
      ? { domain: config.STAFF_LOGIN_DOMAIN, clientId: config.STAFF_LOGIN_CLIENT_ID }
      : undefined
  const onSnapshotError = (error: unknown) => core.logger.warn('snapshot not written', { error })
  return {
    ...core,
    ...createEventSourcing({ doc, tables: names, onSnapshotError }),
    verifier,
    newId: uuidv7,
    feed: createDynamoFeed({ doc, table: names.feed }),
    readModels: createReadModels({ doc, table: names.readModels }),
    apiKeys: createApiKeyStore({ doc, table: names.partners }),
    webhooks: createWebhookServices({ doc, table: names.partners, policy: targetPolicyFromEnv(env) }),
    pages: { assets: loadPageAssets(pageAssetsDir), staffLogin },
  }
}
