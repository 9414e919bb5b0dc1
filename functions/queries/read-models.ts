import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { cursorCodec } from '../shared/cursor.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { readCurrentGeneration } from '../projector/generation-pointer.js'
import { checkpointKey, docPk } from '../projector/read-model-layout.js'
import type { ReadModelReader } from './read-model-reader.js'

// The cursor carries the sort key only: a page turned across a rebuild's switch goes on,
// in the new generation, after the same id.
const cursors = cursorCodec(z.object({ sk: z.string() }).strict())

/**
 * Reads the projections' documents for the reporting routes, always from the current
 * generation (the pointer is resolved on every call, so a rebuild's switch shows at once).
 *
 * @example
 *   const readModels = createReadModels({ doc, table })
 *   const summary = await readModels.get('edition-summary', 'ces-2020')
 */
export const createReadModels = (
  { doc, table }: { doc: DocumentClient; table: string },
): ReadModelReader => {
  const currentGeneration = () => readCurrentGeneration(doc, table)

  const get: ReadModelReader['get'] = async (collection, id) => {
    const pk = docPk(await currentGeneration(), collection)
    const { Item } = await doc.send(
      new GetCommand({ TableName: table, Key: { pk, sk: id }, ConsistentRead: true }),
    )
    return Item && !Item.hidden ? { doc: Item.doc, position: Number(Item.position) } : undefined
  }

  const query: ReadModelReader['query'] = async (collection, { limit, cursor }) => {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be ≥ 1')
    const after = cursor === undefined ? undefined : cursors.decode(cursor).sk
    const pk = docPk(await currentGeneration(), collection)
    const output = await doc.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      // Documents the projector keeps but does not show yet (read-model-layout.ts).
      FilterExpression: 'attribute_not_exists(#hidden)',
      ExpressionAttributeNames: { '#hidden': 'hidden' },
      ExpressionAttributeValues: { ':pk': pk },
      // One more than asked: a last page says so instead of handing out an empty next one.
      Limit: limit + 1,
      ConsistentRead: true,
      ...(after === undefined ? {} : { ExclusiveStartKey: { pk, sk: after } }),
    }))
    const found = (output.Items ?? []).map((item) => ({ id: String(item.sk), doc: item.doc as unknown }))
    const items = found.slice(0, limit)
    // The filter may leave a short page, even an empty one, before the partition's end:
    // the cursor then goes on after the last item the Query looked at.
    // The table's sort key is a string (read-model-layout.ts).
    const scanned = z.string().optional().parse(output.LastEvaluatedKey?.sk)
    const last = found.length > limit ? items.at(-1)?.id : scanned
    return last === undefined ? { items } : { items, next: cursors.encode({ sk: last }) }
  }

  const freshness: ReadModelReader['freshness'] = async (projection) => {
    const Key = checkpointKey(await currentGeneration(), projection)
    const { Item } = await doc.send(new GetCommand({ TableName: table, Key, ConsistentRead: true }))
    return typeof Item?.position === 'number' ? Item.position : 0
  }

  return { get, query, freshness, currentGeneration }
}
