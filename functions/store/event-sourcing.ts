import type { DocumentClient } from '../shared/dynamo-client.js'
import { createAggregateLoader } from './aggregate-loader.js'
import { createDynamoEventStore, type DynamoEventStoreOptions } from './dynamo-event-store.js'
import { createSnapshotStore } from './snapshots.js'

export interface EventSourcingOptions extends Omit<DynamoEventStoreOptions, 'tables'> {
  readonly doc: DocumentClient
  /** Without `snapshots`: for a job whose streams stay short (the retention job's erasure records). */
  readonly tables: { readonly events: string; readonly guards: string; readonly snapshots?: string }
  /** A snapshot that could not be written costs only speed: it is reported here. */
  readonly onSnapshotError?: (error: unknown) => void
}

/**
 * The write side's two ports on DynamoDB, wired once: the event store, and the
 * aggregate loader that reads through this process's cache and the snapshots.
 *
 * @example const { store, aggregates } = createEventSourcing({ doc, tables: names })
 */
export const createEventSourcing = ({ tables, onSnapshotError, ...options }: EventSourcingOptions) => {
  const store = createDynamoEventStore({ ...options, tables })
  const snapshots = tables.snapshots ? createSnapshotStore({ doc: options.doc, table: tables.snapshots }) : undefined
  const aggregates = createAggregateLoader({ store, ...(snapshots ? { snapshots } : {}), ...(onSnapshotError ? { onSnapshotError } : {}) })
  return { store, aggregates }
}
