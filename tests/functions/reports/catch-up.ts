import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { projections } from '../../../domain/projections/index.js'
import { createDynamoFeed } from '../../../functions/feed/dynamo-feed.js'
import { createIndexer } from '../../../functions/indexer/indexer.js'
import { createReadModelStore } from '../../../functions/projector/read-model-store.js'
import { runProjections } from '../../../functions/projector/run-projections.js'
import type { TestTables } from '../../setup/test-tables.js'
import { insertRecord, streamEvent } from '../indexer/stream-events.js'

/**
 * Every item of the Events table, as its stream's NEW_IMAGE records would carry them, in
 * the order they were recorded: a Scan returns streams in hash order, whereas the shards
 * of a DynamoDB Stream deliver an edition opened minutes before its applications first.
 */
const eventItems = async ({ doc, names }: TestTables) => {
  const items: Record<string, unknown>[] = []
  let ExclusiveStartKey: Record<string, unknown> | undefined
  do {
    const page = await doc.send(new ScanCommand({ TableName: names.events, ExclusiveStartKey }))
    items.push(...(page.Items ?? []))
    ExclusiveStartKey = page.LastEvaluatedKey
  } while (ExclusiveStartKey)
  const order = (item: Record<string, unknown>) => `${String(item.recordedAt)}#${String(item.version).padStart(9, '0')}`
  return items.sort((a, b) => order(a).localeCompare(order(b)))
}

/**
 * What the Events stream and the Feed stream do under `npm start`, in one call: the real
 * indexer over the Events items (as stream records), then the real projector with the
 * projections of domain/projections. Returns the position the read models reach.
 *
 * @example await postCommands(); const position = await catchUp(harness.tables)
 */
export const catchUp = async (tables: TestTables): Promise<number> => {
  const index = createIndexer({ doc: tables.doc, tables: tables.names })
  const items = await eventItems(tables)
  const { batchItemFailures } = await index(streamEvent(items.map((item) => insertRecord(item))))
  if (batchItemFailures.length > 0) throw new Error(`indexer failed: ${batchItemFailures.length}`)
  const result = await runProjections({
    feed: createDynamoFeed({ doc: tables.doc, table: tables.names.feed }),
    store: createReadModelStore({ doc: tables.doc, table: tables.names.readModels }),
    projections,
  })
  if (result.failures.length > 0) {
    throw new Error(`projections failed: ${JSON.stringify(result.failures)}`)
  }
  return result.position
}
