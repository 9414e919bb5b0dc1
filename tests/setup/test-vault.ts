import { createKeyStore } from '../../functions/personal-data/key-store.js'
import { localMasterKey } from '../../functions/personal-data/master-key.js'
import { localMasterKeyPath } from '../../functions/personal-data/vault-from-env.js'
import {
  createPersonalDataVault,
  type PersonalDataVault,
  type VaultOptions,
} from '../../functions/personal-data/vault.js'
import type { TestTables } from './test-tables.js'

/**
 * A personal data vault on a test file's own Keys table, wrapped by the local master key
 * (`.local-data/master-key`, made on first use), as under `npm start`.
 *
 * @example const vault = testVault(tables)
 */
export const testVault = (
  { doc, names }: Pick<TestTables, 'doc' | 'names'>,
  options: Partial<Pick<VaultOptions, 'cacheTtlMs' | 'clock'>> = {},
): PersonalDataVault =>
  createPersonalDataVault({
    keys: createKeyStore({ doc, table: names.keys }),
    masterKey: localMasterKey(localMasterKeyPath),
    ...options,
  })
