import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb'
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { DocKey } from '../../domain/projections/projection.js'
import { batchGetAll, batchWriteAll } from '../feed/batch-io.js'
import { backoff } from '../shared/backoff.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import {
  allocateGeneration,
  readCurrentGeneration,
  switchGeneration,
} from './generation-pointer.js'
import {
  checkpointKey,
  docId,
  docItemKey,
  type DocChange,
  type StoredDoc,
} from './read-model-layout.js'

/** The projector's and the rebuild's access to ReadModels (layout: read-model-layout.ts). */
export interface ReadModelStore {
  currentGeneration(): Promise<number>
  /** Each projection's checkpoint in a generation (0 when it has none). */
  checkpoints(generation: number, names: readonly string[]): Promise<Map<string, number>>
  /** The documents that exist among `keys`, by docId. */
  loadDocs(generation: number, keys: readonly DocKey[]): Promise<Map<string, StoredDoc>>
  /**
   * Writes documents and moves a checkpoint from `from` to `to` in one transaction.
   * Resolves false, having written nothing, if the checkpoint is no longer at `from`.
   */
  commit(generation: number, projection: string, change: CheckpointedChange): Promise<boolean>
  /** Bulk writes for a rebuild: not atomic, harmless to replay. */
  writeDocs(generation: number, docs: readonly DocChange[]): Promise<void>
  setCheckpoints(generation: number, positions: ReadonlyMap<string, number>): Promise<void>
  /** A generation no one has used yet, for a rebuild starting from `current`. */
  allocateGeneration(current: number): Promise<number>
  /** Points readers at `to` if the pointer still names `from`; false otherwise. */
  switchGeneration(from: number, to: number): Promise<boolean>
}

export interface CheckpointedChange {
  readonly from: number
  readonly to: number
  readonly docs: readonly DocChange[]
}

const names = { '#p': 'position' }
const conflictAttempts = 5

const docItem = (generation: number, change: DocChange) => ({
  ...docItemKey(generation, change.key),
  doc: change.doc,
  position: change.position,
  ...(change.hidden ? { hidden: true } : {}),
})

/** A document's write in a transaction: a deletion when evolve returned undefined. */
const docWrite = (table: string, generation: number, change: DocChange) =>
  change.doc === undefined
    ? { Delete: { TableName: table, Key: docItemKey(generation, change.key) } }
    : { Put: { TableName: table, Item: docItem(generation, change) } }

/** The same write in a BatchWriteItem. */
const docRequest = (generation: number, change: DocChange) =>
  change.doc === undefined
    ? { DeleteRequest: { Key: docItemKey(generation, change.key) } }
    : { PutRequest: { Item: docItem(generation, change) } }

/**
 * The ReadModels table over DynamoDB, for the projector and the rebuild.
 *
 * @example const store = createReadModelStore({ doc, table: names.readModels })
 */
export const createReadModelStore = (
  { doc, table }: { doc: DocumentClient; table: string },
): ReadModelStore => {
  const checkpointUpdate = (
    generation: number,
    projection: string,
    { from, to }: CheckpointedChange,
  ) => ({
    TableName: table,
    Key: checkpointKey(generation, projection),
    UpdateExpression: 'SET #p = :to',
    // A rebuild of an empty Feed writes checkpoints at 0, so 0 may or may not exist.
    ConditionExpression: from === 0 ? 'attribute_not_exists(pk) OR #p = :from' : '#p = :from',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: { ':to': to, ':from': from },
  })

  const commitOnce = async (generation: number, projection: string, change: CheckpointedChange) => {
    const update = checkpointUpdate(generation, projection, change)
    if (change.docs.length === 0) return void (await doc.send(new UpdateCommand(update)))
    const writes = change.docs.map((docChange) => docWrite(table, generation, docChange))
    await doc.send(new TransactWriteCommand({ TransactItems: [...writes, { Update: update }] }))
  }

  const commit: ReadModelStore['commit'] = async (generation, projection, change) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await commitOnce(generation, projection, change)
        return true
      } catch (error: unknown) {
        if (error instanceof ConditionalCheckFailedException) return false
        if (!(error instanceof TransactionCanceledException)) throw error
        const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code)
        if (codes.includes('ConditionalCheckFailed')) return false
        if (!codes.includes('TransactionConflict') || attempt >= conflictAttempts) throw error
        await backoff(attempt)
      }
    }
  }

  const checkpoints: ReadModelStore['checkpoints'] = async (generation, projections) => {
    const keys = projections.map((name) => checkpointKey(generation, name))
    const items = await batchGetAll(doc, table, keys)
    const found = new Map(items.map((item) => [String(item.sk), Number(item.position)]))
    return new Map(projections.map((name) => [name, found.get(name) ?? 0]))
  }

  const loadDocs: ReadModelStore['loadDocs'] = async (generation, keys) => {
    const byItemKey = new Map(keys.map((key) => [JSON.stringify(docItemKey(generation, key)), key]))
    const items = await batchGetAll(doc, table, keys.map((key) => docItemKey(generation, key)))
    const docs = new Map<string, StoredDoc>()
    for (const item of items) {
      const key = byItemKey.get(JSON.stringify({ pk: item.pk, sk: item.sk }))
      if (key) docs.set(docId(key), { doc: item.doc, position: Number(item.position) })
    }
    return docs
  }

  // A rebuild is bound by how fast its documents can be written: more calls in flight.
  const writeDocs: ReadModelStore['writeDocs'] = (generation, docs) =>
    batchWriteAll(doc, table, docs.map((change) => docRequest(generation, change)), 16)

  const setCheckpoints: ReadModelStore['setCheckpoints'] = (generation, positions) =>
    batchWriteAll(doc, table, [...positions].map(([name, position]) => ({
      PutRequest: { Item: { ...checkpointKey(generation, name), position } },
    })))

  return {
    currentGeneration: () => readCurrentGeneration(doc, table),
    allocateGeneration: (current) => allocateGeneration(doc, table, current),
    switchGeneration: (from, to) => switchGeneration(doc, table, from, to),
    checkpoints, loadDocs, commit, writeDocs, setCheckpoints,
  }
}
