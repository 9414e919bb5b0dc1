import type { IKey } from 'aws-cdk-lib/aws-kms'
import { Construct } from 'constructs'
import { tables } from '../../functions/shared/tables.js'
import type { StageConfig } from '../stage-config.js'
import { defineTable, tableKey, type DefinedTable } from './dynamo-table.js'

export interface EventStoreProps {
  readonly config: StageConfig
}

/**
 * The write side: the append-only Events table (its stream feeds only the indexer), the
 * Guards written in the same transactions, and the aggregates' Snapshots. In prod all three
 * are encrypted with one customer-managed key that rotates yearly and outlives the stack.
 *
 * @example const { events, guards, snapshots } = new EventStore(this, 'EventStore', { config })
 */
export class EventStore extends Construct {
  readonly events: DefinedTable
  readonly guards: DefinedTable
  readonly snapshots: DefinedTable
  readonly key: IKey | undefined

  constructor(scope: Construct, id: string, { config }: EventStoreProps) {
    super(scope, id)
    this.key = tableKey(this, 'EventsKey', config, 'the event store: Events and its stream, Guards, Snapshots')
    this.events = defineTable(this, tables.events, { config, encryptionKey: this.key })
    this.guards = defineTable(this, tables.guards, { config, encryptionKey: this.key })
    // Disposable (a lost snapshot only costs a longer read), but derived from the events.
    this.snapshots = defineTable(this, tables.snapshots, { config, encryptionKey: this.key, derived: true })
  }
}
