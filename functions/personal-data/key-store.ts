import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { batchGetAll } from '../feed/batch-io.js'
import { written } from '../shared/conditional-write.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { queryAll } from '../shared/query-all.js'
import { tables } from '../shared/tables.js'

/**
 * The Keys table's items (functions/shared/tables.ts `keys`), read and written only here:
 *
 * - a data key:  `pk = startup#<startupId>`, `sk = subject#<emailIndex>`, the key wrapped
 *                by the master key, its id (never reused), the blind index of the address
 *                (`emailIndex`, for the `byEmail` index) and when it was made;
 * - the blind-index key: `pk = blind-index-key`, `sk = v1`, wrapped the same way;
 * - the withdrawal links' key: `pk = withdrawal-link-key`, `sk = v1`, wrapped the same way
 *   (withdrawal-links.ts).
 */
const dataKeyItem = z.object({
  startupId: z.string(),
  emailIndex: z.string(),
  keyId: z.string(),
  wrappedKey: z.string(),
  createdAt: z.string(),
})
export type DataKeyItem = z.infer<typeof dataKeyItem>

/** A data subject as the Keys table and sealed events name it: `<startupId>#<emailIndex>`. */
export const subjectName = (startupId: string, emailIndex: string): string => `${startupId}#${emailIndex}`

const keyOf = (startupId: string, emailIndex: string) => ({
  pk: `startup#${startupId}`,
  sk: `subject#${emailIndex}`,
})

const keyOfSubject = (subject: string) => {
  const at = subject.lastIndexOf('#')
  return keyOf(subject.slice(0, at), subject.slice(at + 1))
}

const blindIndexKey = { pk: 'blind-index-key', sk: 'v1' } as const
const withdrawalLinkKey = { pk: 'withdrawal-link-key', sk: 'v1' } as const

/**
 * @example const keys = createKeyStore({ doc, table: names.keys })
 */
export const createKeyStore = ({ doc, table }: { doc: DocumentClient; table: string }) => ({
  /**
   * The data keys these subjects have in the table (consistent reads). A key an erasure
   * destroyed is absent, unless a restore put it back: the vault checks the erasure record.
   */
  async find(subjects: readonly string[]): Promise<DataKeyItem[]> {
    const items = await batchGetAll(doc, table, [...new Set(subjects)].map(keyOfSubject))
    return items.map((item) => dataKeyItem.parse(item))
  },

  /** Writes a new subject's key; false when another writer made one first. */
  create: (item: DataKeyItem): Promise<boolean> =>
    written(() =>
      doc.send(
        new PutCommand({
          TableName: table,
          Item: { ...keyOf(item.startupId, item.emailIndex), ...item },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ),

  /** Every subject of a start-up (consistent). */
  ofStartup: (startupId: string): Promise<DataKeyItem[]> =>
    queryAll(
      doc,
      {
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :subject)',
        ExpressionAttributeValues: { ':pk': `startup#${startupId}`, ':subject': 'subject#' },
        ConsistentRead: true,
      },
      (item) => dataKeyItem.parse(item),
    ),

  /** Every subject with this blind index, at any start-up (a global index: eventually consistent). */
  ofEmail: (emailIndex: string): Promise<DataKeyItem[]> =>
    queryAll(
      doc,
      {
        TableName: table,
        IndexName: tables.keys.globalIndexes[0].indexName,
        KeyConditionExpression: 'emailIndex = :e',
        ExpressionAttributeValues: { ':e': emailIndex },
      },
      (item) => dataKeyItem.parse(item),
    ),

  /**
   * Deletes this key of a subject: true if it was there (this call erased it). Only this
   * key: a subject's item holding another one (made after it was destroyed) stays.
   */
  destroy: ({ startupId, emailIndex, keyId }: Pick<DataKeyItem, 'startupId' | 'emailIndex' | 'keyId'>): Promise<boolean> =>
    written(() =>
      doc.send(
        new DeleteCommand({
          TableName: table,
          Key: keyOf(startupId, emailIndex),
          ConditionExpression: 'keyId = :keyId',
          ExpressionAttributeValues: { ':keyId': keyId },
        }),
      ),
    ),

  async blindIndexKey(): Promise<string | undefined> {
    const { Item } = await doc.send(new GetCommand({ TableName: table, Key: blindIndexKey, ConsistentRead: true }))
    return typeof Item?.wrappedKey === 'string' ? Item.wrappedKey : undefined
  },

  async withdrawalLinkKey(): Promise<string | undefined> {
    const { Item } = await doc.send(new GetCommand({ TableName: table, Key: withdrawalLinkKey, ConsistentRead: true }))
    return typeof Item?.wrappedKey === 'string' ? Item.wrappedKey : undefined
  },

  createWithdrawalLinkKey: (wrappedKey: string): Promise<boolean> =>
    written(() =>
      doc.send(
        new PutCommand({
          TableName: table,
          Item: { ...withdrawalLinkKey, wrappedKey },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ),

  createBlindIndexKey: (wrappedKey: string): Promise<boolean> =>
    written(() =>
      doc.send(
        new PutCommand({
          TableName: table,
          Item: { ...blindIndexKey, wrappedKey },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ),
})

export type KeyStore = ReturnType<typeof createKeyStore>
