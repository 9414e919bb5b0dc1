import { erasureLedgerOn } from '../../functions/personal-data/erasure-ledger.js'
import { createKeyStore } from '../../functions/personal-data/key-store.js'
import { kmsMasterKey } from '../../functions/personal-data/kms-master-key.js'
import {
  createWithdrawalLinks,
  type WithdrawalLinks,
} from '../../functions/personal-data/withdrawal-links.js'
import {
  createPersonalDataVault,
  type PersonalDataVault,
  type VaultOptions,
} from '../../functions/personal-data/vault.js'
import { fakeKms, testKeyArn } from './fake-kms.js'
import type { TestTables } from './test-tables.js'

/**
 * A personal data vault on a test file's own Keys table, wrapped by a KMS key as in AWS:
 * kms-master-key.ts's requests go through the real SDK to KMS's stand-in on the wire
 * (fake-kms.ts), so each function's KMS calls are recorded like its DynamoDB calls.
 *
 * @example const vault = testVault(tables)
 */
export const testVault = (
  { doc, names }: Pick<TestTables, 'doc' | 'names'>,
  options: Partial<Pick<VaultOptions, 'cacheTtlMs' | 'clock'>> = {},
): PersonalDataVault =>
  createPersonalDataVault({
    keys: createKeyStore({ doc, table: names.keys }),
    masterKey: kmsMasterKey(fakeKms().client, testKeyArn),
    erasures: erasureLedgerOn({ doc, tables: names }),
    ...options,
  })

/**
 * The withdrawal links on a test file's own Keys table, their key wrapped by the same KMS
 * stand-in as the vault's data keys.
 *
 * @example const links = testWithdrawalLinks(tables)
 */
export const testWithdrawalLinks = ({
  doc,
  names,
}: Pick<TestTables, 'doc' | 'names'>): WithdrawalLinks =>
  createWithdrawalLinks({
    keys: createKeyStore({ doc, table: names.keys }),
    masterKey: kmsMasterKey(fakeKms().client, testKeyArn),
  })
