import { erasedKeysOf } from '../../domain/personal-data/erased-keys.js'
import { erasureRecordDecider } from '../../domain/personal-data/erasure-record.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { createDynamoEventStore } from '../store/dynamo-event-store.js'
import type { EventStore } from '../store/event-store.js'
import type { ErasureLedger } from './vault.js'

/**
 * The vault's erasure ledger read from a start-up's erasure record
 * (`personal-data-<startupId>`, consistent): the Events table, which a restore of the Keys
 * table leaves alone, so an erasure stays applied whatever the Keys table is restored to.
 *
 * @example createPersonalDataVault({ keys, masterKey, erasures: erasureLedger(store) })
 */
export const erasureLedger =
  (store: Pick<EventStore, 'readStream'>): ErasureLedger =>
  async (startupId) =>
    erasedKeysOf(await store.readStream(erasureRecordDecider.streamId(startupId)))

/**
 * The ledger on the Events table itself, for a vault made before the event store that
 * uses it: erasure records hold no personal data, so this store needs no vault.
 *
 * @example const erasures = erasureLedgerOn({ doc, tables: { events, guards } })
 */
export const erasureLedgerOn = ({
  doc,
  tables,
}: {
  doc: DocumentClient
  tables: { events: string; guards: string }
}): ErasureLedger => erasureLedger(createDynamoEventStore({ doc, tables }))
