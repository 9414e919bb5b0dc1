import { z } from 'zod'
import { awardLevels, type EventOf, occurredAt, partnerKind } from '../events/index.js'
import { byEdition, collections, projectionNames } from './collections.js'
import { entryOf, put } from './draft-ops.js'
import type { Draft, FeedEvent, Projection } from './projection.js'
import {
  applicationStatus,
  countMove,
  editionEventTypes,
  emptyTally,
  type EntryOps,
  type Move,
  tallySchema,
  trackApplication,
  yearOf,
} from './tally.js'

const applicationEntry = z.object({
  startupId: z.string(),
  territory: z.string(),
  themes: z.array(z.string()),
  status: applicationStatus,
})

/** An edition at a glance: what it is, its counts, and where its applicants come from. */
export const editionSummaryDoc = z.object({
  editionId: z.string(),
  name: z.string(),
  show: z.string(),
  city: z.string(),
  year: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  applicationDeadline: z.string(),
  capacity: z.number().int(),
  themes: z.array(z.string()),
  status: z.enum(['open', 'closed']),
  openedAt: z.string(),
  closedAt: z.string().optional(),
  tally: tallySchema,
  byTerritory: z.record(z.string(), tallySchema),
  byTheme: z.record(z.string(), tallySchema),
  awards: z.record(z.string(), z.object({ award: z.enum(awardLevels), category: z.string() })),
  partners: z.record(z.string(), z.object({ name: z.string(), kind: partnerKind })),
  /** Bookkeeping to count each move: no personal data, only what the counts need. */
  applications: z.record(z.string(), applicationEntry),
})
export type EditionSummaryDoc = z.infer<typeof editionSummaryDoc>
type ApplicationEntry = z.infer<typeof applicationEntry>

/** What only `edition.opened` says. */
type EditionFacts = Omit<EditionSummaryDoc, Counted | 'editionId' | 'closedAt'>
type Counted = 'tally' | 'byTerritory' | 'byTheme' | 'awards' | 'partners' | 'applications'

/**
 * The summary as the projector keeps it. An application can reach the Feed before its
 * edition's `edition.opened` (another stream): the summary then holds only its counts,
 * hidden from readers until the edition is known.
 */
export type EditionSummaryDraft = Omit<EditionSummaryDoc, keyof EditionFacts> &
  Partial<EditionFacts>

const isOpened = (doc: EditionSummaryDraft): doc is EditionSummaryDoc => doc.openedAt !== undefined

const blank = (editionId: string): EditionSummaryDraft => ({
  editionId,
  tally: emptyTally(),
  byTerritory: {},
  byTheme: {},
  awards: {},
  partners: {},
  applications: {},
})

/** An entry keeps the submission's territory and themes (each once), for the breakdowns. */
const entryOps: EntryOps<ApplicationEntry> = {
  submitted: ({ startupId, territory, themes }) => ({
    startupId,
    territory,
    themes: [...new Set(themes)],
    status: 'submitted',
  }),
  statusOf: (entry) => entry.status,
  moved: (entry, status) => {
    entry.status = status
    return entry
  },
}

/** Counts a move in the total and in the breakdowns the entry falls in: O(its themes). */
const count = (draft: EditionSummaryDraft, { entry, from, to }: Move<ApplicationEntry>) => {
  countMove(draft.tally, from, to)
  countMove(entryOf(draft.byTerritory, entry.territory, emptyTally), from, to)
  for (const theme of entry.themes) countMove(entryOf(draft.byTheme, theme, emptyTally), from, to)
}

const opened = (draft: EditionSummaryDraft, event: EventOf<'edition.opened'> & FeedEvent) => {
  const { name, show, city, startsOn, endsOn, applicationDeadline, capacity, themes } = event.data
  const facts: EditionFacts = {
    name, show, city, year: yearOf(startsOn), startsOn, endsOn, applicationDeadline, capacity,
    themes: [...themes], status: draft.status ?? 'open', openedAt: occurredAt(event),
  }
  return Object.assign(draft, facts)
}

/**
 * Folds an edition's events, and its applications', into its summary draft, in place:
 * O(1) per event (counts by difference), whatever the order between those streams.
 *
 * @example evolveEditionSummary(undefined, openedEvent)?.status // 'open'
 */
export const evolveEditionSummary = (
  draft: Draft<EditionSummaryDraft> | undefined,
  event: FeedEvent,
): EditionSummaryDraft | undefined => {
  if (!('editionId' in event.data)) return draft
  const doc = draft ?? blank(event.data.editionId)
  switch (event.type) {
    case 'edition.opened':
      return isOpened(doc) ? doc : opened(doc, event)
    case 'edition.closed':
      doc.status = 'closed'
      doc.closedAt = occurredAt(event)
      return doc
    case 'application.submitted':
    case 'application.selected':
    case 'application.rejected':
    case 'application.withdrawn': {
      const move = trackApplication(doc.applications, event, entryOps)
      if (move === undefined) return draft
      count(doc, move)
      return doc
    }
    case 'award.won': {
      const { awardId, award, category } = event.data
      put(doc.awards, awardId, { award, category })
      return doc
    }
    case 'partner.joined': {
      const { partnerId, name, kind } = event.data
      put(doc.partners, partnerId, { name, kind })
      return doc
    }
    default:
      return draft
  }
}

/** `edition-summary/<editionId>`: `GET /reports/editions/{editionId}`, once opened. */
export const editionSummaryProjection: Projection<EditionSummaryDraft> = {
  name: projectionNames.editionSummary,
  eventTypes: editionEventTypes,
  keysOf: byEdition(collections.editionSummary),
  evolve: (draft, event) => evolveEditionSummary(draft, event),
  isPublic: isOpened,
}
