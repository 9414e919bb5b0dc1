import { Key } from 'aws-cdk-lib/aws-kms'
import { Construct } from 'constructs'
import { tables } from '../../functions/shared/tables.js'
import type { StageConfig } from '../stage-config.js'
import { defineTable, type DefinedTable } from './dynamo-table.js'

export interface EventStoreProps {
  readonly config: StageConfig
}

/**
 * The write side: the append-only Events table (its stream feeds only the indexer), the
 * Guards written in the same transactions, and the aggregates' Snapshots. In prod the events, kept forever, are
 * encrypted with a customer-managed key that rotates yearly and outlives the stack.
 *
 * @example const { events, guards, snapshots } = new EventStore(this, 'EventStore', { config })
 */
export class EventStore extends Construct {
  readonly events: DefinedTable
  readonly guards: DefinedTable
  readonly snapshots: DefinedTable
  readonly key: Key | undefined

  constructor(scope: Construct, id: string, { config }: EventStoreProps) {
    super(scope, id)
    this.key = config.protectData
      ? new Key(this, 'EventsKey', {
          alias: `${config.prefix}-events`,
          description: 'Encrypts the Délégation Sud event store (Events table and its stream)',
          enableKeyRotation: true,
          removalPolicy: config.removalPolicy,
        })
      : undefined
    this.events = defineTable(this, tables.events, { config, encryptionKey: this.key })
    this.guards = defineTable(this, tables.guards, { config })
    // Disposable (a lost snapshot only costs a longer read), but derived from the events.
    this.snapshots = defineTable(this, tables.snapshots, { config, encryptionKey: this.key, derived: true })
  }
}
