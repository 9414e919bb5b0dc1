import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { unlessConditionFails } from '../shared/conditional-write.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { apiKeyKey, byStatusIndex, partnerKeysIndexPk } from '../shared/partners-table.js'
import { queryAll } from '../shared/query-all.js'
import { matchesSha256, sha256, type RandomBytes } from '../shared/secrets.js'
import {
  apiKeySchema,
  isKeyActive,
  type ApiKeyRecord,
  type IssuedKey,
  type NewKey,
} from './api-key-item.js'
import { generateApiKey, keyIdOf } from './api-keys.js'

export interface ApiKeyStore {
  create(key: NewKey): Promise<IssuedKey>
  list(partnerId: string): Promise<ApiKeyRecord[]>
  get(partnerId: string, keyId: string): Promise<ApiKeyRecord | undefined>
  /** Stops the key at once; undefined if the partner has no such key. */
  revoke(partnerId: string, keyId: string, now: Date): Promise<ApiKeyRecord | undefined>
  /**
   * A replacement with the same scopes and the same expiry; the old key works
   * `overlapSeconds` more, or until its own expiry if that comes first: a rotation never
   * makes a key last longer.
   */
  rotate(
    partnerId: string,
    keyId: string,
    options: { now: Date; overlapSeconds: number; createdBy: string },
  ): Promise<IssuedKey | undefined>
  /** The key's record if it is well-formed, known, matches its hash and is active. */
  authenticate(apiKey: string, now: Date): Promise<ApiKeyRecord | undefined>
}

interface ApiKeyStoreOptions {
  readonly doc: DocumentClient
  readonly table: string
  readonly random?: RandomBytes
}

/**
 * Partners' API keys in the Partners table (layout: shared/partners-table.ts), stored as
 * SHA-256 hashes. Authentication is a consistent GetItem by key id, so a revocation holds
 * from the next request on.
 *
 * @example const { apiKey } = await keys.create({ partnerId, scopes, createdBy, now })
 */
export const createApiKeyStore = ({ doc, table, random }: ApiKeyStoreOptions): ApiKeyStore => {
  const read = async (keyId: string) => {
    const { Item } = await doc.send(
      new GetCommand({ TableName: table, Key: apiKeyKey(keyId), ConsistentRead: true }),
    )
    return Item
  }

  const itemOf = (record: ApiKeyRecord, apiKey: string) => ({
    ...apiKeyKey(record.keyId),
    gsi1pk: partnerKeysIndexPk(record.partnerId),
    gsi1sk: `${record.createdAt}#${record.keyId}`,
    ...record,
    // SHA-256 is enough for 256 random bits, and cheap enough to check on every request.
    hash: sha256(apiKey),
  })

  const issue = (key: NewKey): IssuedKey => {
    const { keyId, apiKey } = generateApiKey(random)
    const record = apiKeySchema.parse({
      keyId,
      partnerId: key.partnerId,
      scopes: [...new Set(key.scopes)],
      ...(key.label ? { label: key.label } : {}),
      ...(key.notAfter ? { notAfter: key.notAfter } : {}),
      createdAt: key.now.toISOString(),
      createdBy: key.createdBy,
    })
    return { record, apiKey }
  }

  const get: ApiKeyStore['get'] = async (partnerId, keyId) => {
    const item = await read(keyId)
    return item && item.partnerId === partnerId ? apiKeySchema.parse(item) : undefined
  }

  return {
    async create(key) {
      const issued = issue(key)
      await doc.send(
        new PutCommand({
          TableName: table,
          Item: itemOf(issued.record, issued.apiKey),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      return issued
    },

    list: (partnerId) =>
      queryAll(
        doc,
        {
          TableName: table,
          IndexName: byStatusIndex,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': partnerKeysIndexPk(partnerId) },
        },
        (item) => apiKeySchema.parse(item),
      ),

    get,

    async revoke(partnerId, keyId, now) {
      const revoked = await unlessConditionFails(() =>
        doc.send(
          new UpdateCommand({
            TableName: table,
            Key: apiKeyKey(keyId),
            UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
            ConditionExpression: 'partnerId = :partner',
            ExpressionAttributeValues: { ':now': now.toISOString(), ':partner': partnerId },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      )
      return revoked && apiKeySchema.parse(revoked.Attributes)
    },

    async rotate(partnerId, keyId, { now, overlapSeconds, createdBy }) {
      const old = await get(partnerId, keyId)
      if (!old || !isKeyActive(old, now)) return undefined
      // The replacement stops when the old key would have: rotating renews a secret, not a term.
      const issued = issue({ partnerId, scopes: old.scopes, label: old.label, createdBy, now, notAfter: old.notAfter })
      const overlapEnd = now.getTime() + overlapSeconds * 1_000
      const expiry = old.notAfter === undefined ? Infinity : Date.parse(old.notAfter)
      const notAfter = new Date(Math.min(overlapEnd, expiry)).toISOString()
      const retire =
        overlapSeconds > 0
          ? { expression: 'SET notAfter = :at, replacedBy = :by', at: notAfter }
          : { expression: 'SET revokedAt = :at, replacedBy = :by', at: now.toISOString() }
      // The expiry it was decided from, unchanged (absent, or as read).
      const unchanged = old.notAfter === undefined ? 'attribute_not_exists(notAfter)' : 'notAfter = :was'
      const retired = await unlessConditionFails(() =>
        doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: itemOf(issued.record, issued.apiKey),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: table,
                  Key: apiKeyKey(keyId),
                  UpdateExpression: retire.expression,
                  // Rotating twice at once would leave two live replacements: one wins.
                  ConditionExpression:
                    'partnerId = :partner AND attribute_not_exists(revokedAt) ' +
                    `AND attribute_not_exists(replacedBy) AND ${unchanged}`,
                  ExpressionAttributeValues: {
                    ':at': retire.at,
                    ':by': issued.record.keyId,
                    ':partner': partnerId,
                    ...(old.notAfter === undefined ? {} : { ':was': old.notAfter }),
                  },
                },
              },
            ],
          }),
        ),
      )
      return retired ? issued : undefined
    },

    async authenticate(apiKey, now) {
      const keyId = keyIdOf(apiKey)
      if (!keyId) return undefined
      const item = await read(keyId)
      if (!item || typeof item.hash !== 'string' || !matchesSha256(apiKey, item.hash))
        return undefined
      const record = apiKeySchema.parse(item)
      return isKeyActive(record, now) ? record : undefined
    },
  }
}
