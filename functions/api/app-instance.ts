import { Logger } from '@aws-lambda-powertools/logger'
import { v7 as uuidv7 } from 'uuid'
import { createDynamoFeed } from '../feed/dynamo-feed.js'
import { targetPolicyFromEnv } from '../partners/config.js'
import { createPartnerServices } from '../partners/partner-services.js'
import { createReadModels } from '../projector/read-models.js'
import { createDocumentClient } from '../shared/dynamo-client.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { createEventSourcing } from '../store/event-sourcing.js'
import { createApp } from './app.js'
import { createTokenVerifier } from './auth/token-verifier.js'
import { apiConfigSchema } from './config.js'

// Module scope: parsed and connected once per Lambda container (or node process).
const config = apiConfigSchema.parse(process.env)
const names = tableNamesFromEnv(process.env, ['events', 'guards', 'snapshots', 'feed', 'partners', 'readModels'])
const doc = createDocumentClient({ endpoint: config.DYNAMODB_ENDPOINT })
const logger = new Logger({ serviceName: 'delegation-sud-api' })

const verifier = createTokenVerifier(
  config.JWKS_URL ? { jwksUrl: config.JWKS_URL } : { jwks: JSON.parse(config.DEV_JWKS ?? '{}') },
  { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
)

const onSnapshotError = (error: unknown) => logger.warn('snapshot not written', { error })

/** The app wired to the environment: what Lambda and `npm start` serve. */
export const app = createApp({
  ...createEventSourcing({ doc, tables: names, onSnapshotError }),
  verifier,
  logger,
  clock: () => new Date(),
  newId: uuidv7,
  corsOrigins: config.CORS_ORIGINS,
  feed: createDynamoFeed({ doc, table: names.feed }),
  readModels: createReadModels({ doc, table: names.readModels }),
  partners: createPartnerServices({ doc, table: names.partners, policy: targetPolicyFromEnv(process.env) }),
})
