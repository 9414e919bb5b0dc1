import {
  collections,
  editionSummaryDoc,
  projectionNames,
  type StartupDoc,
  startupDoc,
} from '../../domain/projections/index.js'
import { byInstant, territoryName } from './labels.js'
import { currentTo, type ReadModelReader, readDoc, readMany } from './read-model-reader.js'
import type { StartupCard, StartupPage, StartupsPage } from './startup-schemas.js'

interface StartupFilters {
  readonly territory?: string | undefined
  readonly theme?: string | undefined
  readonly editionId?: string | undefined
}

interface PageRequest {
  readonly limit: number
  readonly cursor?: string | undefined
}

const cardOf = (doc: StartupDoc): StartupCard => {
  const { awards, applications: _all, registered: _r, registeredAt: _at, ...card } = doc
  return { ...card, territoryName: territoryName(card.territory), awards: awards.length }
}

/** The index that answers the filters (the most selective first), or the directory itself. */
const collectionFor = ({ territory, theme, editionId }: StartupFilters): string => {
  if (editionId !== undefined) return collections.startupsByEdition(editionId)
  if (territory !== undefined) return collections.startupsByTerritory(territory)
  if (theme !== undefined) return collections.startupsByTheme(theme)
  return collections.startups
}

/** The other filters, applied to the page's documents when several are combined. */
const matches = ({ territory, theme, editionId }: StartupFilters) => (doc: StartupDoc) =>
  (territory === undefined || doc.territory === territory) &&
  (theme === undefined || doc.themes.includes(theme)) &&
  (editionId === undefined || doc.editionsApplied.includes(editionId))

/**
 * `GET /startups`: one page of the directory, in start-up id order. A filter is a
 * Query of its index collection plus a key lookup per listed start-up; when filters
 * are combined the first (edition, territory, theme) picks the index and the others
 * sift the page, which may then hold fewer than `limit` items (follow `next`).
 * Undefined when the edition filter names an unknown edition.
 *
 * @example await listStartups(reader, { territory: 'nice-cote-d-azur' }, { limit: 20 })
 */
export const listStartups = async (
  reader: ReadModelReader,
  filters: StartupFilters,
  { limit, cursor }: PageRequest,
): Promise<StartupsPage | undefined> => {
  const names = [projectionNames.startupDirectory, projectionNames.editionSummary]
  const position = await currentTo(reader, names)
  if (filters.editionId !== undefined) {
    const { editionSummary } = collections
    const edition = await readDoc(reader, editionSummary, filters.editionId, editionSummaryDoc)
    if (edition === undefined) return undefined
  }
  const collection = collectionFor(filters)
  const page = await reader.query(collection, { limit, ...(cursor ? { cursor } : {}) })
  const ids = page.items.map((item) => item.id)
  const docs =
    collection === collections.startups
      ? page.items.map((item) => startupDoc.parse(item.doc))
      : await readMany(reader, collections.startups, ids, startupDoc)
  const items: StartupCard[] = docs
    .filter((doc): doc is StartupDoc => doc !== undefined)
    .filter(matches(filters))
    .map(cardOf)
  return { currentTo: position, items, ...(page.next ? { next: page.next } : {}) }
}

/**
 * `GET /startups/{startupId}`: a start-up's page (one key lookup), its applications
 * oldest first; undefined if unknown.
 *
 * @example const page = await loadStartup(reader, startupId)
 */
export const loadStartup = async (
  reader: ReadModelReader,
  startupId: string,
): Promise<StartupPage | undefined> => {
  const position = await currentTo(reader, [projectionNames.startupDirectory])
  const doc = await readDoc(reader, collections.startups, startupId, startupDoc)
  if (doc === undefined) return undefined
  const { awards, applications, registered: _r, ...startup } = doc
  return {
    currentTo: position,
    startup: {
      ...startup,
      territoryName: territoryName(startup.territory),
      applications: Object.values(applications).sort((a, b) =>
        byInstant(a.submittedAt, b.submittedAt),
      ),
      awards: [...awards].sort((a, b) => byInstant(a.wonAt, b.wonAt)),
    },
  }
}
