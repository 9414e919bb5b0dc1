import { createDynamoFeed } from '../feed/dynamo-feed.js'
import { erasureLedger } from '../personal-data/erasure-ledger.js'
import { createKeyStore } from '../personal-data/key-store.js'
import type { MasterKey } from '../personal-data/master-key.js'
import { createPersonalDataVault } from '../personal-data/vault.js'
import { createWithdrawalLinks } from '../personal-data/withdrawal-links.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import type { TableNames } from '../shared/table-names.js'
import { createStreamReader } from '../store/dynamo-event-store.js'
import { lookUpMessage } from './message-lookup.js'
import { createNotifier, type NotifierOptions } from './notifier.js'
import { createNotifierCheckpoint } from './notifier-checkpoint.js'
import { createOutboxStore } from './outbox-store.js'
import { createSuppressionList } from './suppression-list.js'

/** What the notifier needs besides its tables: how it sends, where links lead, its clock. */
export type NotifierWiring = Pick<
  NotifierOptions,
  'send' | 'links' | 'clock' | 'random' | 'logger' | 'concurrency'
> & {
  readonly doc: DocumentClient
  readonly tables: Pick<TableNames, 'feed' | 'events' | 'keys' | 'outbox'>
  readonly masterKey: MasterKey
}

/**
 * The notifier on its tables, as its Lambda runs it (lambda.ts) and the benchmark measures
 * it: contacts opened with no key cache, so an erasure made anywhere a moment before is seen
 * (the contact reads null) and nothing is sent to an erased person; withdrawal links signed
 * by the programme's key.
 *
 * @example const notifier = notifierOnTables({ doc, tables, masterKey, send, links, clock: () => new Date(), random: Math.random })
 */
export const notifierOnTables = ({ doc, tables, masterKey, ...rest }: NotifierWiring) => {
  const keys = createKeyStore({ doc, table: tables.keys })
  const events = createStreamReader({ doc, events: tables.events })
  const vault = createPersonalDataVault({
    keys,
    masterKey,
    cacheTtlMs: 0,
    erasures: erasureLedger(events),
  })
  const withdrawalLinks = createWithdrawalLinks({ keys, masterKey })
  return createNotifier({
    feed: createDynamoFeed({ doc, table: tables.feed }),
    outbox: createOutboxStore({ doc, table: tables.outbox }),
    checkpoint: createNotifierCheckpoint({ doc, table: tables.outbox }),
    suppressions: createSuppressionList({ doc, table: tables.outbox }),
    lookUp: lookUpMessage(createStreamReader({ doc, events: tables.events, personalData: vault })),
    emailIndex: (email) => vault.emailIndex(email),
    signWithdrawal: (applicationId) => withdrawalLinks.sign(applicationId),
    ...rest,
  })
}
