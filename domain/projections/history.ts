import { z } from 'zod'
import { byEdition, collections, projectionNames } from './collections.js'
import type { FeedEvent, Projection } from './projection.js'
import {
  type ApplicationStatus,
  applicationStatus,
  editionEventTypes,
  type EntryOps,
  tallyOf,
  tallySchema,
  trackApplication,
  yearOf,
} from './tally.js'

/** One row of the programme's history: an edition, its year and its figures. */
export const historyDoc = z.object({
  editionId: z.string(),
  name: z.string(),
  show: z.string(),
  city: z.string(),
  year: z.number().int(),
  startsOn: z.string(),
  status: z.enum(['open', 'closed']),
  tally: tallySchema,
  awardIds: z.array(z.string()),
  partnerIds: z.array(z.string()),
  /** Each application's status, to recount when one moves (a withdrawal names no prior state). */
  statuses: z.record(z.string(), applicationStatus),
})
export type HistoryDoc = z.infer<typeof historyDoc>

/** The row keeps bare statuses: all a recount needs. */
const statusOps: EntryOps<ApplicationStatus> = {
  submitted: () => 'submitted',
  moved: (_status, status) => status,
}

const added = (ids: readonly string[], id: string) => (ids.includes(id) ? [...ids] : [...ids, id])

/**
 * Folds an edition's events into its history row.
 *
 * @example evolveHistory(row, selected)?.tally.selected // one more
 */
export const evolveHistory = (
  doc: HistoryDoc | undefined,
  event: FeedEvent,
): HistoryDoc | undefined => {
  if (event.type === 'edition.opened') {
    if (doc !== undefined) return doc
    const { editionId, name, show, city, startsOn } = event.data
    const year = yearOf(startsOn)
    const empty = { tally: tallyOf([]), awardIds: [], partnerIds: [], statuses: {} }
    return { editionId, name, show, city, year, startsOn, status: 'open', ...empty }
  }
  if (doc === undefined) return undefined
  switch (event.type) {
    case 'edition.closed':
      return { ...doc, status: 'closed' }
    case 'application.submitted':
    case 'application.selected':
    case 'application.rejected':
    case 'application.withdrawn': {
      const statuses = trackApplication(doc.statuses, event, statusOps)
      if (statuses === undefined) return doc
      return { ...doc, statuses, tally: tallyOf(Object.values(statuses)) }
    }
    case 'award.won':
      return { ...doc, awardIds: added(doc.awardIds, event.data.awardId) }
    case 'partner.joined':
      return { ...doc, partnerIds: added(doc.partnerIds, event.data.partnerId) }
    default:
      return doc
  }
}

/** `history/<editionId>`: `GET /reports/history` queries the whole collection. */
export const historyProjection: Projection<HistoryDoc> = {
  name: projectionNames.history,
  eventTypes: editionEventTypes,
  keysOf: byEdition(collections.history),
  evolve: (doc, event) => evolveHistory(doc, event),
}
