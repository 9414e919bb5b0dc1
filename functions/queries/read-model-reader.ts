import type { z } from 'zod'

/**
 * The read models as the read side sees them: the one port every reader uses (routes,
 * pages, scripts, the retention job), implemented over DynamoDB by `createReadModels`
 * (read-models.ts), always in the generation readers use. Documents come back as stored:
 * readers parse them with the projection's zod schema. A cursor not handed out here is an
 * InvalidCursorError (functions/shared/cursor.ts).
 */
export interface ReadModelReader {
  /** One document and the Feed position it is current to, in the generation readers use. */
  get(collection: string, id: string): Promise<{ doc: unknown; position: number } | undefined>
  /** One page of a collection (one partition), in id order. */
  query(
    collection: string,
    options: { limit: number; cursor?: string },
  ): Promise<{ items: { id: string; doc: unknown }[]; next?: string }>
  /** The Feed position a projection has folded in (its checkpoint); 0 before any. */
  freshness(projectionName: string): Promise<number>
  currentGeneration(): Promise<number>
}

const pageSize = 200

/**
 * One document parsed with its projection's schema, or undefined if absent.
 *
 * @example const summary = await readDoc(reader, collections.editionSummary, id, editionSummaryDoc)
 */
export const readDoc = async <S extends z.ZodType>(
  reader: ReadModelReader,
  collection: string,
  id: string,
  schema: S,
): Promise<z.infer<S> | undefined> => {
  const found = await reader.get(collection, id)
  return found === undefined ? undefined : schema.parse(found.doc)
}

/**
 * Every document of a collection (a Query per page: one partition, never a Scan).
 * For the bounded collections of the reports: an edition's delegation, the editions.
 *
 * @example const rows = await readAll(reader, collections.history, historyDoc)
 */
export const readAll = async <S extends z.ZodType>(
  reader: ReadModelReader,
  collection: string,
  schema: S,
): Promise<z.infer<S>[]> => {
  const docs: z.infer<S>[] = []
  let cursor: string | undefined
  do {
    const page = await reader.query(collection, { limit: pageSize, ...(cursor ? { cursor } : {}) })
    docs.push(...page.items.map((item) => schema.parse(item.doc)))
    cursor = page.next
  } while (cursor !== undefined)
  return docs
}

/**
 * The position an answer built from several projections is current to: the least
 * advanced of them.
 *
 * @example const position = await currentTo(reader, ['delegation', 'startup-directory'])
 */
export const currentTo = async (
  reader: ReadModelReader,
  projectionNames: readonly string[],
): Promise<number> => {
  const positions = await Promise.all(projectionNames.map((name) => reader.freshness(name)))
  return Math.min(...positions)
}

const concurrency = 16

/**
 * Several documents of one collection by id (key lookups, 16 at a time), in the
 * order of `ids`; absent ones are undefined.
 *
 * @example const pages = await readMany(reader, collections.startups, ids, startupDoc)
 */
export const readMany = async <S extends z.ZodType>(
  reader: ReadModelReader,
  collection: string,
  ids: readonly string[],
  schema: S,
): Promise<(z.infer<S> | undefined)[]> => {
  const docs = new Array<z.infer<S> | undefined>(ids.length)
  let next = 0
  const worker = async () => {
    for (let index = next++; index < ids.length; index = next++) {
      docs[index] = await readDoc(reader, collection, ids[index]!, schema)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker))
  return docs
}
