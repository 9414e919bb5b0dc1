import { Duration } from 'aws-cdk-lib'
import { Key } from 'aws-cdk-lib/aws-kms'
import { Construct } from 'constructs'
import { tables } from '../../functions/shared/tables.js'
import type { StageConfig } from '../stage-config.js'
import { defineTable, tableEnvironment, type DefinedTable } from './dynamo-table.js'
import type { EventStore } from './event-store.js'
import { allow, dynamo } from './grants.js'
import { functionEntry, NodeFunction } from './node-function.js'

export interface PersonalDataProps {
  readonly config: StageConfig
  readonly eventStore: EventStore
  readonly readModels: DefinedTable
}

/**
 * Personal data (functions/personal-data): the Keys table of data keys, the one
 * customer-managed KMS key that wraps them (rotation on, never deleted with the stack in
 * prod), and the daily retention job. Only the functions given `grantUse` may unwrap a
 * data key, so only they can read personal data: the API, the retention job and the
 * notifier (`grantMailing`). The
 * indexer, projector, dispatcher and deliverer copy sealed events and never can.
 *
 * @example const personalData = new PersonalData(this, 'PersonalData', { config, eventStore, readModels })
 */
export class PersonalData extends Construct {
  readonly keys: DefinedTable
  readonly masterKey: Key
  readonly retention: NodeFunction

  constructor(scope: Construct, id: string, { config, eventStore, readModels }: PersonalDataProps) {
    super(scope, id)
    this.masterKey = new Key(this, 'PersonalDataKey', {
      alias: `${config.prefix}-personal-data`,
      description: 'Wraps the data keys of personal data in Délégation Sud events (crypto-shredding)',
      enableKeyRotation: true,
      removalPolicy: config.removalPolicy,
    })
    // In prod the table itself is encrypted with the same key (every table has a customer-managed key there).
    this.keys = defineTable(this, tables.keys, { config, encryptionKey: config.protectData ? this.masterKey : undefined })
    const { events, guards } = eventStore
    this.retention = new NodeFunction(this, 'Retention', {
      entry: functionEntry('retention'),
      runsAs: 'retention',
      config,
      description: 'Erases the contacts of start-ups past the retention period',
      environment: {
        ...tableEnvironment(events, guards, readModels),
        PERSONAL_DATA_RETENTION_DAYS: String(config.personalDataRetentionDays),
      },
      timeout: Duration.minutes(5),
    })
    const { fn } = this.retention
    // It reads the start-ups' streams and records erasures (the event store's append, at the
    // version it has just read, so with no predecessor check; GetItem: the landed check after a
    // lost response), reads the one-application guards and the directory.
    allow(fn, events, [dynamo.get, dynamo.query, dynamo.put])
    allow(fn, guards, [dynamo.get])
    allow(fn, readModels, [dynamo.get, dynamo.query])
    this.grantUse(this.retention, { seals: false })
    this.retention.runEvery(Duration.days(1))
  }

  /**
   * Lets a function open and erase personal data (the Keys table, Decrypt with the master
   * key under its encryption context) and, unless `seals` is false, seal new data and find a
   * person by address (a subject's key looked up, new data keys put and wrapped with
   * Encrypt, the byEmail index). The retention job only erases: it opens a start-up's events
   * to see whose they are (a Query of the start-up's keys), and destroys their keys. Both
   * read the start-ups' erasure records in the Events table, which they read anyway.
   */
  grantUse({ fn }: NodeFunction, { seals = true }: { seals?: boolean } = {}): void {
    // The calls functions/personal-data/key-store.ts makes, on this table and its one index.
    const [byEmail] = tables.keys.globalIndexes
    const opens = [dynamo.get, dynamo.query, dynamo.delete]
    const actions = seals ? [...opens, dynamo.batchGet, dynamo.put] : opens
    allow(fn, this.keys, actions, { indexes: seals ? [byEmail.indexName] : [] })
    if (seals) this.masterKey.grant(fn, 'kms:Encrypt', 'kms:Decrypt')
    else this.masterKey.grant(fn, 'kms:Decrypt')
    fn.addEnvironment(tables.keys.envVar, this.keys.table.tableName)
    fn.addEnvironment('PERSONAL_DATA_KEY_ID', this.masterKey.keyArn)
  }

  /**
   * Lets the notifier open the contacts it writes to (a Query of the start-up's data keys,
   * Decrypt), find an address's blind index (the index key: GetItem) and sign withdrawal
   * links with the programme's link key, which it makes and wraps on first use (PutItem,
   * Encrypt). It never seals a contact, finds nobody by address, erases nothing.
   */
  grantMailing({ fn }: NodeFunction): void {
    allow(fn, this.keys, [dynamo.get, dynamo.query, dynamo.put])
    this.masterKey.grant(fn, 'kms:Encrypt', 'kms:Decrypt')
    fn.addEnvironment(tables.keys.envVar, this.keys.table.tableName)
    fn.addEnvironment('PERSONAL_DATA_KEY_ID', this.masterKey.keyArn)
  }
}
