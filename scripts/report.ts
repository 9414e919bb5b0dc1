/**
 * `npm run report -- history | edition <id> | delegation <id> | awards | partners`
 * (`--format table|json|csv`, `--edition <id>`): reads the read models straight from
 * DynamoDB, as the reporting routes do, and prints the report on stdout.
 * READ_MODELS_TABLE (default: the `npm start` table, TABLE_PREFIX-ReadModels) and
 * DYNAMODB_ENDPOINT (default: the DynamoDB Local of a running `npm start`; unset in AWS).
 *
 * @example npm run report -- awards --format csv
 */
import { z } from 'zod'
import { localRuntimeDefaults } from '../local/runtime-file.js'
import { createReadModels } from '../functions/queries/read-models.js'
import { documentClientFromEnv } from '../functions/shared/dynamo-client.js'
import { tableNamesForPrefix } from '../functions/shared/table-names.js'
import { parseReportArgs, renderReport, UsageError, usage } from './report-cli.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const env = { ...localRuntimeDefaults(), ...process.env }
const settings = z
  .object({
    TABLE_PREFIX: z.string().min(1).default('delegation-sud-local'),
    READ_MODELS_TABLE: z.string().min(1).optional(),
  })
  .parse(env)

const main = async () => {
  const request = parseReportArgs(process.argv.slice(2))
  const table = settings.READ_MODELS_TABLE ?? tableNamesForPrefix(settings.TABLE_PREFIX).readModels
  const doc = documentClientFromEnv(env)
  const { stdout, currentTo } = await renderReport(createReadModels({ doc, table }), request)
  process.stdout.write(stdout)
  process.stderr.write(`current to Feed position ${currentTo} (${table})\n`)
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${usage}`)
    process.exitCode = 2
    return
  }
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
