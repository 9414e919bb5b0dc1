import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { erasureLedgerOn } from '../../../functions/personal-data/erasure-ledger.js'
import { createKeyStore, type KeyStore } from '../../../functions/personal-data/key-store.js'
import { kmsMasterKey } from '../../../functions/personal-data/kms-master-key.js'
import type { DomainEvent } from '../../../domain/events/index.js'
import { createPersonalDataVault, type PersonalDataVault } from '../../../functions/personal-data/vault.js'
import { asFunction } from '../../../functions/shared/function-scope.js'
import { fakeKms, testKeyArn } from '../../setup/fake-kms.js'
import { createTestTables, type TestTables } from '../../setup/test-tables.js'
import { applicationSubmitted, startupRegistered } from '../../fixtures/events.js'

let tables: TestTables
beforeAll(async () => {
  tables = await createTestTables()
})

/** A vault on the file's Keys table whose key store counts its lookups (the real table behind). */
const countingVault = () => {
  const keys = createKeyStore({ doc: tables.doc, table: tables.names.keys })
  const lookups: string[][] = []
  const counted: KeyStore = { ...keys, find: (subjects) => (lookups.push([...subjects]), keys.find(subjects)) }
  const vault = createPersonalDataVault({
    keys: counted,
    masterKey: kmsMasterKey(fakeKms().client, testKeyArn),
    erasures: erasureLedgerOn({ doc: tables.doc, tables: tables.names }),
  })
  return { vault, lookups, keys }
}

/** The id of the key `vault` seals `event`'s contact with. */
const sealingKeyId = (vault: PersonalDataVault, event: DomainEvent) => {
  const envelope = { ...event, eventId: randomUUID(), streamId: 'test', version: 1, schemaVersion: 1,
    recordedAt: new Date().toISOString(), metadata: { correlationId: 'c', actor: 'test' } }
  return vault.seal(envelope).sealed?.keyId
}

describe('a start-up registered by the append being prepared', () => {
  it('gets its contact\'s data key without a lookup in the Keys table', async () => {
    await asFunction('api', async () => {
      const { vault, lookups, keys } = countingVault()
      const startupId = randomUUID()
      const events = [startupRegistered(startupId), applicationSubmitted(randomUUID(), startupId)]
      await vault.prepare(events)
      expect(lookups).toEqual([])
      const [made] = await keys.ofStartup(startupId)
      expect(made).toBeDefined()
      expect(sealingKeyId(vault, events[0] as DomainEvent)).toBe(made?.keyId)
    })()
  })

  it('uses the key a first attempt of the same registration made, never a second one', async () => {
    await asFunction('api', async () => {
      const startupId = randomUUID()
      const events = [startupRegistered(startupId), applicationSubmitted(randomUUID(), startupId)]
      const first = countingVault()
      await first.vault.prepare(events)
      const second = countingVault() // a retry in another instance, the first's key in the table
      await second.vault.prepare(events)
      const stored = await first.keys.ofStartup(startupId)
      expect(stored).toHaveLength(1)
      expect(sealingKeyId(second.vault, events[0] as DomainEvent)).toBe(stored[0]?.keyId)
      expect(sealingKeyId(first.vault, events[0] as DomainEvent)).toBe(stored[0]?.keyId)
    })()
  })

  it('still looks a known start-up\'s contact up (its key may exist, or have been erased)', async () => {
    await asFunction('api', async () => {
      const startupId = randomUUID()
      await countingVault().vault.prepare([startupRegistered(startupId)])
      const { vault, lookups } = countingVault()
      await vault.prepare([applicationSubmitted(randomUUID(), startupId)])
      expect(lookups).toHaveLength(1)
    })()
  })
})
