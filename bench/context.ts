import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { createDocumentClient, type DocumentClient } from '../functions/shared/dynamo-client.js'
import { tableNamesForPrefix, type TableNames } from '../functions/shared/table-names.js'
import type { AggregateLoader } from '../functions/store/aggregate-loader.js'
import { createEventSourcing } from '../functions/store/event-sourcing.js'
import type { EventStore } from '../functions/store/event-store.js'
import { createKeyStore } from '../functions/personal-data/key-store.js'
import { localMasterKey } from '../functions/personal-data/master-key.js'
import { localMasterKeyPath } from '../functions/personal-data/vault-from-env.js'
import { erasureLedgerOn } from '../functions/personal-data/erasure-ledger.js'
import { createPersonalDataVault, type PersonalDataVault } from '../functions/personal-data/vault.js'
import { createTables } from '../local/create-tables.js'

/** What every case gets: the run's DynamoDB Local, its tables and our event store. */
export interface BenchContext {
  readonly endpoint: string
  readonly client: DynamoDBClient
  readonly doc: DocumentClient
  readonly names: TableNames
  readonly store: EventStore
  readonly aggregates: AggregateLoader
  /** The store's personal data vault (local master key, the bench's Keys table). */
  readonly personalData: PersonalDataVault
  readonly quick: boolean
  /** Scales a full-run count down in --quick mode. */
  readonly size: (full: number, quick: number) => number
  /** Creates another full set of tables, for a case that needs them empty (streams, Feed). */
  readonly freshTables: (label: string) => Promise<TableNames>
}

export const benchContext = async (endpoint: string, quick: boolean): Promise<BenchContext> => {
  const doc = createDocumentClient({ endpoint })
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })
  const prefix = `bench-${Date.now().toString(36)}`
  const names = tableNamesForPrefix(prefix)
  await createTables(client, names)
  const personalData = createPersonalDataVault({
    keys: createKeyStore({ doc, table: names.keys }),
    masterKey: localMasterKey(localMasterKeyPath),
    erasures: erasureLedgerOn({ doc, tables: names }),
  })
  return {
    endpoint,
    client,
    doc,
    names,
    ...createEventSourcing({ doc, tables: names, personalData }),
    personalData,
    quick,
    size: (full, small) => (quick ? small : full),
    freshTables: async (label) => {
      const fresh = tableNamesForPrefix(`${prefix}-${label}`)
      await createTables(client, fresh)
      return fresh
    },
  }
}
