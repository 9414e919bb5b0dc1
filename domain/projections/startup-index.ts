import { z } from 'zod'
import { collections } from './collections.js'
import type { DocKey, Draft, FeedEvent } from './projection.js'
import { applicationStatus, statusAfter } from './tally.js'

/**
 * An entry of a directory index (`startups-by-territory#<slug>`, `startups-by-theme#<slug>`,
 * `startups-by-edition#<editionId>`): enough to list, the page itself is `startups/<id>`.
 * Entries by edition carry the application's status.
 */
export const startupIndexEntry = z.object({
  startupId: z.string(),
  name: z.string(),
  status: applicationStatus.optional(),
})
export type StartupIndexEntry = z.infer<typeof startupIndexEntry>

/**
 * Folds an event into one index entry (the key says which index and start-up), in place.
 * Each index is fed by one stream (the registration, or the application), in its order.
 *
 * @example evolveIndexEntry(undefined, registered, key) // { startupId, name }
 */
export const evolveIndexEntry = (
  draft: Draft<StartupIndexEntry> | undefined,
  event: FeedEvent,
  key: DocKey,
): StartupIndexEntry | undefined => {
  switch (event.type) {
    case 'startup.registered':
      return Object.assign(draft ?? {}, { startupId: key.id, name: event.data.name })
    case 'startup.profile-corrected':
    case 'startup.recovered':
      return Object.assign(draft ?? {}, { startupId: key.id, name: event.data.name ?? draft?.name ?? '' })
    case 'application.submitted':
      return Object.assign(draft ?? {}, {
        startupId: key.id,
        name: event.data.startupName,
        status: 'submitted' as const,
      })
    case 'application.selected':
    case 'application.rejected':
    case 'application.withdrawn':
      if (draft !== undefined) draft.status = statusAfter[event.type]
      return draft
    default:
      return draft
  }
}

/**
 * The documents of the directory an event touches: the start-up's page, and the
 * index entries its registration (territory, themes) or application (edition) adds.
 *
 * @example directoryKeysOf(registered) // startups/<id>, by territory, one per theme
 */
export const directoryKeysOf = (event: FeedEvent): DocKey[] => {
  const page = (id: string) => ({ collection: collections.startups, id })
  switch (event.type) {
    case 'startup.registered': {
      const { startupId: id, territory, themes } = event.data
      const byTheme = [...new Set(themes)].map((theme) => collections.startupsByTheme(theme))
      return [
        page(id),
        { collection: collections.startupsByTerritory(territory), id },
        ...byTheme.map((collection) => ({ collection, id })),
      ]
    }
    case 'startup.profile-corrected':
    case 'startup.recovered': {
      // Entries in the new territory's and themes' indexes; an entry left in an index the
      // start-up moved out of is dropped by the listing, which checks each page it reads.
      const { startupId: id, territory, themes = [] } = event.data
      return [
        page(id),
        ...(territory ? [{ collection: collections.startupsByTerritory(territory), id }] : []),
        ...[...new Set(themes)].map((theme) => ({ collection: collections.startupsByTheme(theme), id })),
      ]
    }
    case 'application.submitted':
    case 'application.selected':
    case 'application.rejected':
    case 'application.withdrawn': {
      const { startupId: id, editionId } = event.data
      return [page(id), { collection: collections.startupsByEdition(editionId), id }]
    }
    case 'award.won':
      return [page(event.data.startupId)]
    default:
      return []
  }
}
