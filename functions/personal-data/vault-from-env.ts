import { z } from 'zod'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { createKmsClient } from '../shared/kms-client.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { erasureLedgerOn } from './erasure-ledger.js'
import { createKeyStore } from './key-store.js'
import { kmsMasterKey } from './kms-master-key.js'
import { localMasterKey, type MasterKey } from './master-key.js'
import { createPersonalDataVault, type PersonalDataVault } from './vault.js'

/** Where the local master key lives when no KMS key is configured (never committed). */
export const localMasterKeyPath = '.local-data/master-key'

const personalDataEnv = z.object({
  /** The customer-managed KMS key (id or ARN) that wraps data keys: set by CDK in AWS. */
  PERSONAL_DATA_KEY_ID: z.string().min(1).optional(),
  /** Without a KMS key: the local master key's file (npm start, the tests). */
  LOCAL_MASTER_KEY_FILE: z.string().min(1).default(localMasterKeyPath),
})

/**
 * The master key this process uses: KMS when `PERSONAL_DATA_KEY_ID` is set, else the
 * local file, generated on first use.
 *
 * @example const master = masterKeyFromEnv(process.env)
 */
export const masterKeyFromEnv = (env: NodeJS.ProcessEnv): MasterKey => {
  const config = personalDataEnv.parse(env)
  return config.PERSONAL_DATA_KEY_ID
    ? kmsMasterKey(createKmsClient(), config.PERSONAL_DATA_KEY_ID)
    : localMasterKey(config.LOCAL_MASTER_KEY_FILE)
}

/**
 * The personal data vault of a Lambda or of `npm start`: the Keys table from
 * `KEYS_TABLE`, the master key from masterKeyFromEnv, the erasure records from the Events
 * table (`EVENTS_TABLE`).
 *
 * @example const vault = vaultFromEnv(process.env, doc)
 */
export const vaultFromEnv = (env: NodeJS.ProcessEnv, doc: DocumentClient): PersonalDataVault => {
  const names = tableNamesFromEnv(env, ['keys', 'events', 'guards'])
  return createPersonalDataVault({
    keys: createKeyStore({ doc, table: names.keys }),
    masterKey: masterKeyFromEnv(env),
    erasures: erasureLedgerOn({ doc, tables: names }),
  })
}
