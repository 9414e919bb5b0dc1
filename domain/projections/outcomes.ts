import { z } from 'zod'
import { type EventOf, occurredAt, outcomeFigures, type OutcomeFigures } from '../events/index.js'
import { byEdition, collections, projectionNames } from './collections.js'
import { own, put } from './draft-ops.js'
import type { Draft, FeedEvent, Projection } from './projection.js'
import {
  type ApplicationStatus,
  applicationEventTypes,
  applicationStatus,
  countMove,
  emptyTally,
  type EntryOps,
  tallySchema,
  trackApplication,
  yearOf,
} from './tally.js'

/** The figures that add up (the value band is counted by band instead). */
export const summedFigures = [
  'businessContacts',
  'dealsSigned',
  'fundsRaisedEur',
  'pressArticles',
  'jobsCreated',
  'jobsPlanned',
] as const satisfies readonly Exclude<keyof OutcomeFigures, 'dealsValueBand'>[]
export type SummedFigure = (typeof summedFigures)[number]

export const outcomeTotals = z.object(
  Object.fromEntries(summedFigures.map((figure) => [figure, z.number().int()])) as Record<
    SummedFigure,
    z.ZodNumber
  >,
)
export type OutcomeTotals = z.infer<typeof outcomeTotals>

/** A member's report as the document keeps it: its latest figures (never its note to staff). */
export const memberOutcome = outcomeFigures.extend({
  revision: z.number().int(),
  by: z.enum(['startup', 'staff']),
  reportedAt: z.string(),
})
export type MemberOutcome = z.infer<typeof memberOutcome>

/**
 * What an edition's members brought back (`edition-outcomes/<editionId>`): how many answered,
 * the totals, and each member's latest figures, since medians need the values themselves.
 * **Staff only**: it holds every member's own figures. What may go further is its summary
 * (outcomes-summary.ts), aggregates only. No member's note to staff is kept here.
 */
export const editionOutcomesDoc = z.object({
  editionId: z.string(),
  editionName: z.string(),
  year: z.number().int(),
  /** Members who reported, each once whatever its revisions (a later withdrawal leaves it counted). */
  answered: z.number().int(),
  totals: outcomeTotals,
  /** How many members put their deals in each value band (bands no one chose are absent). */
  dealsByBand: z.record(z.string(), z.number().int()),
  /** Each reporting member's latest figures, by start-up id. */
  reports: z.record(z.string(), memberOutcome),
  /**
   * The edition's applications by where they stand: `selected` are its members now (not
   * withdrawn), to say how many of them answered.
   */
  tally: tallySchema,
  /** Bookkeeping for the tally: each application's status. */
  statuses: z.record(z.string(), applicationStatus),
})
export type EditionOutcomesDoc = z.infer<typeof editionOutcomesDoc>

type EditionFacts = Pick<EditionOutcomesDoc, 'editionName' | 'year'>

/**
 * The document as the projector keeps it: reports and applications (their own streams) may
 * reach the Feed before `edition.opened`; it is hidden from readers until the edition is known.
 */
export type EditionOutcomesDraft = Omit<EditionOutcomesDoc, keyof EditionFacts> &
  Partial<EditionFacts>

const isOpened = (doc: EditionOutcomesDraft): doc is EditionOutcomesDoc =>
  doc.editionName !== undefined

const blank = (editionId: string): EditionOutcomesDraft => ({
  editionId,
  answered: 0,
  totals: outcomeTotals.parse(Object.fromEntries(summedFigures.map((figure) => [figure, 0]))),
  dealsByBand: {},
  reports: {},
  tally: emptyTally(),
  statuses: {},
})

const statusOps: EntryOps<ApplicationStatus> = {
  submitted: () => 'submitted',
  statusOf: (status) => status,
  moved: (_status, status) => status,
}

/** Adds `by` to a band's count in place; a band back to zero goes. */
const countBand = (doc: EditionOutcomesDraft, band: string | null, by: number) => {
  if (band === null) return
  const count = (own(doc.dealsByBand, band) ?? 0) + by
  if (count === 0) delete doc.dealsByBand[band]
  else put(doc.dealsByBand, band, count)
}

/**
 * A report replaces the member's earlier one, whole: its figures leave the totals and the
 * new ones come in (by difference, O(1)); the member's entry changes in place.
 */
const reported = (doc: EditionOutcomesDraft, event: EventOf<'outcomes.reported'> & FeedEvent) => {
  const { startupId, revision, reportedBy, dealsValueBand } = event.data
  const earlier = own(doc.reports, startupId)
  for (const figure of summedFigures) {
    doc.totals[figure] += event.data[figure] - (earlier?.[figure] ?? 0)
  }
  countBand(doc, earlier?.dealsValueBand ?? null, -1)
  countBand(doc, dealsValueBand, 1)
  const { businessContacts, dealsSigned, fundsRaisedEur, pressArticles, jobsCreated, jobsPlanned } =
    event.data
  const figures = {
    businessContacts,
    dealsSigned,
    dealsValueBand,
    fundsRaisedEur,
    pressArticles,
    jobsCreated,
    jobsPlanned,
  }
  const entry = { ...figures, revision, by: reportedBy.by, reportedAt: occurredAt(event) }
  if (earlier === undefined) {
    put(doc.reports, startupId, entry)
    doc.answered += 1
  } else {
    Object.assign(earlier, entry)
  }
  return doc
}

/**
 * Folds an edition's opening, its applications' moves and its members' reports into its
 * outcomes document, in place: O(1) per event (by difference), whatever the order between
 * those streams. A member's reports come from its own stream, in order: the last is its report.
 *
 * @example evolveEditionOutcomes(doc, reported)?.answered // one more, on a first report
 */
export const evolveEditionOutcomes = (
  draft: Draft<EditionOutcomesDraft> | undefined,
  event: FeedEvent,
): EditionOutcomesDraft | undefined => {
  if (!('editionId' in event.data)) return draft
  const doc = draft ?? blank(event.data.editionId)
  switch (event.type) {
    case 'edition.opened': {
      if (isOpened(doc)) return doc
      const { name, startsOn } = event.data
      return Object.assign(doc, { editionName: name, year: yearOf(startsOn) })
    }
    case 'application.submitted':
    case 'application.selected':
    case 'application.rejected':
    case 'application.withdrawn': {
      const move = trackApplication(doc.statuses, event, statusOps)
      if (move === undefined) return draft
      countMove(doc.tally, move.from, move.to)
      return doc
    }
    case 'outcomes.reported':
      return reported(doc, event)
    default:
      return draft
  }
}

/** `edition-outcomes/<editionId>`, once opened: the outcomes reports read it (staff only). */
export const outcomesProjection: Projection<EditionOutcomesDraft> = {
  name: projectionNames.outcomes,
  eventTypes: ['edition.opened', ...applicationEventTypes, 'outcomes.reported'],
  keysOf: byEdition(collections.editionOutcomes),
  evolve: (draft, event) => evolveEditionOutcomes(draft, event),
  isPublic: isOpened,
}
