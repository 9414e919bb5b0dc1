import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb'
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { firstGeneration, pointerKey } from './read-model-layout.js'

/**
 * The generation readers and the live projector use (1 while no rebuild ever switched).
 *
 * @example const generation = await readCurrentGeneration(doc, table)
 */
export const readCurrentGeneration = async (
  doc: DocumentClient,
  table: string,
): Promise<number> => {
  const { Item } = await doc.send(
    new GetCommand({ TableName: table, Key: pointerKey, ConsistentRead: true }),
  )
  return typeof Item?.generation === 'number' ? Item.generation : firstGeneration
}

/**
 * A generation never handed out before (usually current + 1; more if a rebuild died and
 * left a partial generation behind, which is then simply never read).
 *
 * @example const target = await allocateGeneration(doc, table, 1) // 2
 */
export const allocateGeneration = async (
  doc: DocumentClient,
  table: string,
  current: number,
): Promise<number> => {
  const { Attributes } = await doc.send(new UpdateCommand({
    TableName: table,
    Key: pointerKey,
    UpdateExpression: 'SET allocated = if_not_exists(allocated, :current) + :one',
    ExpressionAttributeValues: { ':current': current, ':one': 1 },
    ReturnValues: 'UPDATED_NEW',
  }))
  return Number(Attributes?.allocated)
}

/**
 * Points everyone at `to`, atomically, if the pointer still names `from`.
 *
 * @example if (!(await switchGeneration(doc, table, 1, 2))) throw new GenerationMovedError(1)
 */
export const switchGeneration = async (
  doc: DocumentClient,
  table: string,
  from: number,
  to: number,
): Promise<boolean> => {
  try {
    await doc.send(new UpdateCommand({
      TableName: table,
      Key: pointerKey,
      UpdateExpression: 'SET generation = :to',
      ConditionExpression: from === firstGeneration
        ? 'attribute_not_exists(generation) OR generation = :from'
        : 'generation = :from',
      ExpressionAttributeValues: { ':to': to, ':from': from },
    }))
    return true
  } catch (error: unknown) {
    if (error instanceof ConditionalCheckFailedException) return false
    throw error
  }
}
