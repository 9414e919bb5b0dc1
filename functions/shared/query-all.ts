import { paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb'
import type { DocumentClient } from './dynamo-client.js'

/**
 * Every item a Query matches, following `LastEvaluatedKey` with the SDK's own paginator
 * (a page is at most 1 MB), each item parsed as it arrives. For bounded result sets: one
 * stream's events, a partner's keys, the subscription registry.
 *
 * @example
 *   const input = { TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues }
 *   const keys = await queryAll(doc, input, apiKeySchema.parse)
 */
export const queryAll = async <T>(
  doc: DocumentClient,
  input: QueryCommandInput,
  parse: (item: Record<string, unknown>) => T,
): Promise<T[]> => {
  const found: T[] = []
  for await (const page of paginateQuery({ client: doc }, input)) {
    for (const item of page.Items ?? []) found.push(parse(item))
  }
  return found
}
