import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb'
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { DocumentClient } from '../shared/dynamo-client.js'

/** A stream's folded state at `version`, made by fold version `foldVersion`. */
export interface Snapshot {
  readonly streamId: string
  readonly version: number
  readonly foldVersion: number
  readonly state: unknown
}

export interface SnapshotStore {
  read(streamId: string): Promise<Snapshot | undefined>
  /** Keeps the snapshot unless a newer one of the same fold version is already there. */
  write(snapshot: Snapshot): Promise<void>
}

/**
 * Snapshots in their own table, one item per stream. They only save reads: the loader
 * checks the fold version and folds the events after the snapshot's version, so a
 * snapshot that is stale, of another fold, or missing gives the same state.
 *
 * @example const snapshots = createSnapshotStore({ doc, table: names.snapshots })
 */
export const createSnapshotStore = ({ doc, table }: { doc: DocumentClient; table: string }): SnapshotStore => ({
  async read(streamId) {
    const { Item } = await doc.send(new GetCommand({ TableName: table, Key: { streamId }, ConsistentRead: true }))
    if (!Item) return undefined
    return { streamId, version: Number(Item.version), foldVersion: Number(Item.foldVersion), state: Item.state }
  },
  async write({ streamId, version, foldVersion, state }) {
    try {
      await doc.send(
        new PutCommand({
          TableName: table,
          Item: { streamId, version, foldVersion, state },
          // Never replace a newer snapshot of the same fold with an older one (racing loaders).
          ConditionExpression: 'attribute_not_exists(streamId) OR version < :v OR foldVersion <> :f',
          ExpressionAttributeValues: { ':v': version, ':f': foldVersion },
        }),
      )
    } catch (error: unknown) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error
    }
  },
})
