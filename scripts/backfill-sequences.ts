/**
 * `npm run backfill-sequences`: numbers the events partners receive in a Feed indexed
 * before partner sequences existed (functions/feed/sequence-backfill.ts), once, with the
 * indexer's trigger disabled (README, *Deploy and verify*). Idempotent. Tables come from
 * the environment as for the Lambdas (FEED_TABLE), else from TABLE_PREFIX (`npm start`'s).
 *
 * @example FEED_TABLE=DelegationSud-prod-Feed… npm run backfill-sequences
 */
import { z } from 'zod'
import { localRuntimeDefaults } from '../local/runtime-file.js'
import { backfillSequences } from '../functions/feed/sequence-backfill.js'
import { documentClientFromEnv } from '../functions/shared/dynamo-client.js'
import { tableNamesForPrefix, tableNamesFromEnv } from '../functions/shared/table-names.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const env = { ...localRuntimeDefaults(), ...process.env }
const settings = z.object({
  TABLE_PREFIX: z.string().min(1).default('delegation-sud-local'),
  FEED_TABLE: z.string().min(1).optional(),
}).parse(env)
const table = settings.FEED_TABLE
  ? tableNamesFromEnv(process.env, ['feed']).feed
  : tableNamesForPrefix(settings.TABLE_PREFIX).feed

try {
  const { positions, shared, numbered } = await backfillSequences({ doc: documentClientFromEnv(env), table })
  console.log(
    `Numbered the Feed of ${table}: ${positions} positions read, ${shared} events partners ` +
      `receive, ${numbered} sequence(s) written`,
  )
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
}
