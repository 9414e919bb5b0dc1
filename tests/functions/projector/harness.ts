import type { EventEnvelope } from '../../../domain/events/index.js'
import { createDynamoFeed } from '../../../functions/feed/dynamo-feed.js'
import { createReadModelStore } from '../../../functions/projector/read-model-store.js'
import type { ReadModelReader as ReadModels } from '../../../functions/queries/read-model-reader.js'
import { createReadModels } from '../../../functions/queries/read-models.js'
import { createTestTables } from '../../setup/test-tables.js'
import { writeFeed } from '../feed/feed-fixtures.js'

/**
 * Fresh tables with the Feed reader, the projector's store and the read-model reader.
 *
 * @example const { feed, store, readModels, append } = await projectorHarness()
 */
export const projectorHarness = async () => {
  const tables = await createTestTables()
  const { doc, names } = tables
  const feed = createDynamoFeed({ doc, table: names.feed })
  const store = createReadModelStore({ doc, table: names.readModels })
  const readModels = createReadModels({ doc, table: names.readModels })
  let head = 0
  /** Puts events at the Feed's end, as the indexer would. */
  const append = async (events: readonly EventEnvelope[]) => {
    await writeFeed(doc, names.feed, events, head + 1)
    head += events.length
  }
  return { tables, feed, store, readModels, append }
}

/** Every document of a collection, following the cursors. */
export const wholeCollection = async (readModels: ReadModels, collection: string, limit = 100) => {
  const docs: Array<{ id: string; doc: unknown }> = []
  let cursor: string | undefined
  do {
    const page = await readModels.query(collection, { limit, cursor })
    docs.push(...page.items)
    cursor = page.next
  } while (cursor)
  return docs
}

/** What count-by-type must hold for `events`. */
export const expectedCounts = (events: readonly EventEnvelope[]) => {
  const counts = new Map<string, number>()
  for (const event of events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1)
  return [...counts].sort().map(([id, count]) => ({ id, doc: { count } }))
}
