import { z } from 'zod'
import { createReadModels } from '../queries/read-models.js'
import { documentClientFromEnv } from '../shared/dynamo-client.js'
import { createLogger } from '../shared/logger.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { createEventSourcing } from '../store/event-sourcing.js'
import { defaultRetentionDays, runRetention } from './retention.js'
import { vaultFromEnv } from '../personal-data/vault-from-env.js'

// Module scope: parsed and connected once per cold start.
const names = tableNamesFromEnv(process.env, ['events', 'guards', 'readModels', 'keys'])
const { PERSONAL_DATA_RETENTION_DAYS } = z
  .object({ PERSONAL_DATA_RETENTION_DAYS: z.coerce.number().int().min(1).default(defaultRetentionDays) })
  .parse(process.env)
const doc = documentClientFromEnv(process.env)
const logger = createLogger('retention')
const personalData = vaultFromEnv(process.env, doc)
const deps = {
  // Its erasure records stay a few events long: no snapshots.
  ...createEventSourcing({ doc, tables: names, personalData }),
  readModels: createReadModels({ doc, table: names.readModels }),
  personalData,
}

/**
 * The retention job, on a daily EventBridge schedule (a timer under `npm start`): erases
 * the contacts of start-ups whose last edition ended longer ago than the stage's period.
 *
 * @example await handler() // { examined: 120, reapplied: 0, erased: [{ startupId, contactsErased: 1, … }] }
 */
export const handler = async () => {
  const run = await runRetention(deps, { now: new Date(), retentionDays: PERSONAL_DATA_RETENTION_DAYS })
  logger.info('retention run', { examined: run.examined, erased: run.erased.length, reapplied: run.reapplied })
  return { examined: run.examined, reapplied: run.reapplied, erased: run.erased.map(({ startupId, contactsErased }) => ({ startupId, contactsErased })) }
}
