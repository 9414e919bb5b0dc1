import { z } from 'zod'
import { collections, projectionNames } from './collections.js'
import type { FeedEvent, Projection } from './projection.js'
import { applicationStatus, own, statusAfter, tallyOf, tallySchema, yearOf } from './tally.js'

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

const withStatuses = (doc: HistoryDoc, statuses: HistoryDoc['statuses']): HistoryDoc => ({
  ...doc,
  statuses,
  tally: tallyOf(Object.values(statuses)),
})

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
    case 'application.submitted': {
      const { applicationId } = event.data
      if (own(doc.statuses, applicationId)) return doc
      return withStatuses(doc, { ...doc.statuses, [applicationId]: 'submitted' })
    }
    case 'application.selected':
    case 'application.rejected':
    case 'application.withdrawn': {
      const { applicationId } = event.data
      if (!own(doc.statuses, applicationId)) return doc
      return withStatuses(doc, { ...doc.statuses, [applicationId]: statusAfter[event.type] })
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
  eventTypes: [
    'edition.opened',
    'edition.closed',
    'application.submitted',
    'application.selected',
    'application.rejected',
    'application.withdrawn',
    'award.won',
    'partner.joined',
  ],
  keysOf: (event) =>
    'editionId' in event.data
      ? [{ collection: collections.history, id: event.data.editionId }]
      : [],
  evolve: (doc, event) => evolveHistory(doc, event),
}
