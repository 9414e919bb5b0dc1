import { z } from 'zod'
import { byEdition, collections, projectionNames } from './collections.js'
import type { Draft, FeedEvent, Projection } from './projection.js'
import {
  type ApplicationStatus,
  applicationStatus,
  countMove,
  editionEventTypes,
  emptyTally,
  type EntryOps,
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
  /** Each application's status, to count a move (a withdrawal names no prior state). */
  statuses: z.record(z.string(), applicationStatus),
})
export type HistoryDoc = z.infer<typeof historyDoc>

/** What only `edition.opened` says. */
type EditionFacts = Pick<HistoryDoc, 'name' | 'show' | 'city' | 'year' | 'startsOn' | 'status'>

/**
 * The row as the projector keeps it: counts only, hidden, while the edition's
 * `edition.opened` has not reached the Feed (its applications' streams may come first).
 */
export type HistoryDraft = Omit<HistoryDoc, keyof EditionFacts> & Partial<EditionFacts>

const isOpened = (doc: HistoryDraft): doc is HistoryDoc => doc.name !== undefined

/** The row keeps bare statuses: all a count needs. */
const statusOps: EntryOps<ApplicationStatus> = {
  submitted: () => 'submitted',
  statusOf: (status) => status,
  moved: (_status, status) => status,
}

const blank = (editionId: string): HistoryDraft => ({
  editionId,
  tally: emptyTally(),
  awardIds: [],
  partnerIds: [],
  statuses: {},
})

/**
 * Folds an edition's events, and its applications', into its history row, in place: O(1)
 * per event, whatever the order between those streams. Awards and partners come from the
 * edition's own stream, in its order.
 *
 * @example evolveHistory(row, selected)?.tally.selected // one more
 */
export const evolveHistory = (
  draft: Draft<HistoryDraft> | undefined,
  event: FeedEvent,
): HistoryDraft | undefined => {
  if (!('editionId' in event.data)) return draft
  const doc = draft ?? blank(event.data.editionId)
  switch (event.type) {
    case 'edition.opened': {
      if (isOpened(doc)) return doc
      const { name, show, city, startsOn } = event.data
      const status = doc.status ?? 'open'
      return Object.assign(doc, { name, show, city, year: yearOf(startsOn), startsOn, status })
    }
    case 'edition.closed':
      doc.status = 'closed'
      return doc
    case 'application.submitted':
    case 'application.selected':
    case 'application.rejected':
    case 'application.withdrawn': {
      const move = trackApplication(doc.statuses, event, statusOps)
      if (move === undefined) return draft
      countMove(doc.tally, move.from, move.to)
      return doc
    }
    case 'award.won':
      doc.awardIds.push(event.data.awardId)
      return doc
    case 'partner.joined':
      doc.partnerIds.push(event.data.partnerId)
      return doc
    default:
      return draft
  }
}

/** `history/<editionId>`: `GET /reports/history` queries the whole collection. */
export const historyProjection: Projection<HistoryDraft> = {
  name: projectionNames.history,
  eventTypes: editionEventTypes,
  keysOf: byEdition(collections.history),
  evolve: (draft, event) => evolveHistory(draft, event),
  isPublic: isOpened,
}
