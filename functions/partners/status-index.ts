import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { byStatusIndex } from './partner-table.js'

/**
 * Every item under one `gsi1pk` of the Partners table's `byStatus` index (a partner's
 * keys, a subscription's dead letters), all pages, each parsed as it arrives.
 *
 * @example const dead = await queryStatusIndex(doc, table, deadLetterIndexPk(id), deliverySchema)
 */
export const queryStatusIndex = async <T>(
  doc: DocumentClient,
  table: string,
  gsi1pk: string,
  schema: { parse(item: unknown): T },
): Promise<T[]> => {
  const found: T[] = []
  let start: Record<string, unknown> | undefined
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: table,
        IndexName: byStatusIndex,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
        ExclusiveStartKey: start,
      }),
    )
    found.push(...(page.Items ?? []).map((item) => schema.parse(item)))
    start = page.LastEvaluatedKey
  } while (start)
  return found
}
