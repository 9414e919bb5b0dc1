/**
 * `npm run rebuild`: replays the whole Feed into a fresh read-model generation, switches
 * readers to it, and prints the rate. Tables come from the environment as for the Lambdas
 * (FEED_TABLE, READ_MODELS_TABLE), else from TABLE_PREFIX (`npm start`'s default).
 *
 * @example DYNAMODB_ENDPOINT=http://127.0.0.1:8000 npm run rebuild
 */
import { z } from 'zod'
import { localRuntimeDefaults } from '../local/runtime-file.js'
import { projections } from '../domain/projections/index.js'
import { createDynamoFeed } from '../functions/feed/dynamo-feed.js'
import { createReadModelStore } from '../functions/projector/read-model-store.js'
import { rebuild } from '../functions/rebuild/rebuild.js'
import { documentClientFromEnv } from '../functions/shared/dynamo-client.js'
import { tableNamesForPrefix, tableNamesFromEnv } from '../functions/shared/table-names.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const env = { ...localRuntimeDefaults(), ...process.env }
const settings = z.object({
  TABLE_PREFIX: z.string().min(1).default('delegation-sud-local'),
  FEED_TABLE: z.string().min(1).optional(),
}).parse(env)

const tables = settings.FEED_TABLE
  ? tableNamesFromEnv(process.env, ['feed', 'readModels'])
  : tableNamesForPrefix(settings.TABLE_PREFIX)
const doc = documentClientFromEnv(env)
const log = (message: string, extra: Record<string, unknown> = {}) =>
  console.log(`${message} ${JSON.stringify(extra)}`)

try {
  const result = await rebuild({
    feed: createDynamoFeed({ doc, table: tables.feed }),
    store: createReadModelStore({ doc, table: tables.readModels }),
    projections,
    logger: { info: log, warn: log, error: (message, extra) => console.error(message, extra) },
  })
  const seconds = (result.ms / 1_000).toFixed(2)
  console.log(
    `Rebuilt generation ${result.generation} (was ${result.previous}) up to position ` +
      `${result.position}: ${result.events} events in ${seconds} s, ` +
      `${result.eventsPerSecond} events/s`,
  )
} catch (error: unknown) {
  console.error(`Rebuild failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
