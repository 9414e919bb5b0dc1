import { z } from 'zod'
import { awardLevels, occurredAt, partnerKind } from '../events/index.js'
import { byEdition, collections, projectionNames } from './collections.js'
import type { FeedEvent, Projection } from './projection.js'
import {
  applicationStatus,
  editionEventTypes,
  type EntryOps,
  tallyOf,
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
  /** Bookkeeping to recount on each decision: no personal data, only what the counts need. */
  applications: z.record(z.string(), applicationEntry),
})
export type EditionSummaryDoc = z.infer<typeof editionSummaryDoc>
type ApplicationEntry = z.infer<typeof applicationEntry>

/** Tallies per value of a dimension (territory, or each of an application's themes). */
type Values = (entry: ApplicationEntry) => string[]

const breakdown = (entries: ApplicationEntry[], valuesOf: Values) => {
  const groups = new Map<string, ApplicationEntry['status'][]>()
  for (const entry of entries) {
    for (const value of valuesOf(entry)) {
      groups.set(value, [...(groups.get(value) ?? []), entry.status])
    }
  }
  return Object.fromEntries([...groups].map(([value, statuses]) => [value, tallyOf(statuses)]))
}

const recount = (doc: EditionSummaryDoc): EditionSummaryDoc => {
  const entries = Object.values(doc.applications)
  return {
    ...doc,
    tally: tallyOf(entries.map((entry) => entry.status)),
    byTerritory: breakdown(entries, (entry) => [entry.territory]),
    byTheme: breakdown(entries, (entry) => [...new Set(entry.themes)]),
  }
}

/** An entry keeps the submission's territory and themes, for the breakdowns. */
const entryOps: EntryOps<ApplicationEntry> = {
  submitted: ({ startupId, territory, themes }) => ({
    startupId,
    territory,
    themes,
    status: 'submitted',
  }),
  moved: (entry, status) => ({ ...entry, status }),
}

const opened = (event: FeedEvent & { type: 'edition.opened' }): EditionSummaryDoc => ({
  ...event.data,
  year: yearOf(event.data.startsOn),
  status: 'open',
  openedAt: occurredAt(event),
  tally: tallyOf([]),
  byTerritory: {},
  byTheme: {},
  awards: {},
  partners: {},
  applications: {},
})

/**
 * Folds an edition's events into its summary. Its stream starts with
 * `edition.opened`, so any other event finds the document there.
 *
 * @example evolveEditionSummary(undefined, openedEvent)?.status // 'open'
 */
export const evolveEditionSummary = (
  doc: EditionSummaryDoc | undefined,
  event: FeedEvent,
): EditionSummaryDoc | undefined => {
  if (event.type === 'edition.opened') return doc ?? opened(event)
  if (doc === undefined) return undefined
  switch (event.type) {
    case 'edition.closed':
      return { ...doc, status: 'closed', closedAt: occurredAt(event) }
    case 'application.submitted':
    case 'application.selected':
    case 'application.rejected':
    case 'application.withdrawn': {
      const applications = trackApplication(doc.applications, event, entryOps)
      return applications === undefined ? doc : recount({ ...doc, applications })
    }
    case 'award.won': {
      const { awardId, award, category } = event.data
      return { ...doc, awards: { ...doc.awards, [awardId]: { award, category } } }
    }
    case 'partner.joined': {
      const { partnerId, name, kind } = event.data
      return { ...doc, partners: { ...doc.partners, [partnerId]: { name, kind } } }
    }
    default:
      return doc
  }
}

/** `edition-summary/<editionId>`: `GET /reports/editions/{editionId}`. */
export const editionSummaryProjection: Projection<EditionSummaryDoc> = {
  name: projectionNames.editionSummary,
  eventTypes: editionEventTypes,
  keysOf: byEdition(collections.editionSummary),
  evolve: (doc, event) => evolveEditionSummary(doc, event),
}
