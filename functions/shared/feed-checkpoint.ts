import { GetCommand } from '@aws-sdk/lib-dynamodb'
import type { DocumentClient } from './dynamo-client.js'

type Key = Record<string, string>

/**
 * A Feed consumer's own place in the Feed (the dispatcher's, the notifier's): one item with
 * a `position`, read consistently, 0 before the first run.
 *
 * @example const position = await readCheckpoint(doc, table, checkpointKey)
 */
export const readCheckpoint = async (doc: DocumentClient, table: string, key: Key): Promise<number> => {
  const { Item } = await doc.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))
  return typeof Item?.position === 'number' ? Item.position : 0
}

/**
 * The update that moves a checkpoint from `from` to `to`, only if nobody moved it
 * meanwhile: alone (UpdateCommand) or as an item of a transaction.
 *
 * @example await doc.send(new UpdateCommand(checkpointMove(table, checkpointKey, 40, 140, now)))
 */
export const checkpointMove = (table: string, key: Key, from: number, to: number, now: Date) => ({
  TableName: table,
  Key: key,
  UpdateExpression: 'SET #position = :to, updatedAt = :now',
  ConditionExpression: from === 0 ? 'attribute_not_exists(#position) OR #position = :from' : '#position = :from',
  ExpressionAttributeNames: { '#position': 'position' },
  ExpressionAttributeValues: { ':to': to, ':from': from, ':now': now.toISOString() },
})
