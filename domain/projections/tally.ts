import { z } from 'zod'
import type { EventOf } from '../events/index.js'
import { own, put } from './draft-ops.js'

/** Where an application stands; a withdrawal after selection leaves the delegation. */
export const applicationStatuses = ['submitted', 'selected', 'rejected', 'withdrawn'] as const
export const applicationStatus = z.enum(applicationStatuses)
export type ApplicationStatus = z.infer<typeof applicationStatus>

/** Applications counted by where they stand now; `submitted` are still awaiting a decision. */
export const tallySchema = z.object({
  applications: z.number().int(),
  submitted: z.number().int(),
  selected: z.number().int(),
  rejected: z.number().int(),
  withdrawn: z.number().int(),
})
export type Tally = z.infer<typeof tallySchema>

/**
 * A tally with nothing counted yet (a fresh object: drafts change their tallies in place).
 *
 * @example emptyTally().applications // 0
 */
export const emptyTally = (): Tally => ({
  applications: 0,
  submitted: 0,
  selected: 0,
  rejected: 0,
  withdrawn: 0,
})

/**
 * Counts statuses from scratch.
 *
 * @example tallyOf(['selected', 'rejected']).selected // 1
 */
export const tallyOf = (statuses: Iterable<ApplicationStatus>): Tally => {
  const tally = emptyTally()
  for (const status of statuses) countMove(tally, undefined, status)
  return tally
}

/**
 * Counts one application moving, by difference (`from` undefined: a new application), in
 * place: O(1) whatever the number of applications. Each application's moves come from its
 * own stream, in order, so the counts end the same whatever the order between streams.
 *
 * @example countMove(doc.tally, 'submitted', 'selected')
 */
export const countMove = (
  tally: Tally,
  from: ApplicationStatus | undefined,
  to: ApplicationStatus,
): void => {
  if (from === undefined) tally.applications += 1
  else tally[from] -= 1
  tally[to] += 1
}

/** The events that move an application: the projections that count statuses subscribe to all. */
export const applicationEventTypes = [
  'application.submitted',
  'application.selected',
  'application.rejected',
  'application.withdrawn',
] as const
type ApplicationEventType = (typeof applicationEventTypes)[number]
type ApplicationEvent = EventOf<ApplicationEventType>

/**
 * Everything about an edition, from its stream and its applications' streams: what the
 * one-document-per-edition rows (summary, history) fold.
 */
export const editionEventTypes = [
  'edition.opened',
  'edition.closed',
  ...applicationEventTypes,
  'award.won',
  'partner.joined',
] as const

/** The status a decision or withdrawal event leaves an application in. */
export const statusAfter = {
  'application.submitted': 'submitted',
  'application.selected': 'selected',
  'application.rejected': 'rejected',
  'application.withdrawn': 'withdrawn',
} as const satisfies Record<ApplicationEventType, ApplicationStatus>

/** How a projection's per-application entry is made on submission, read and moved. */
export interface EntryOps<Entry> {
  submitted(data: EventOf<'application.submitted'>['data']): Entry
  statusOf(entry: Entry): ApplicationStatus
  /** The entry with its new status: the same one changed in place, or a new one. */
  moved(entry: Entry, status: ApplicationStatus): Entry
}

/** What an application event did to an entry: where it was (undefined: new) and is now. */
export interface Move<Entry> {
  readonly entry: Entry
  readonly from: ApplicationStatus | undefined
  readonly to: ApplicationStatus
}

/**
 * Records an application event in entries keyed by application id, in place: a submission
 * adds its entry once, a decision or withdrawal moves a known one. `undefined` when nothing
 * changes (a replayed submission, a decision on an unknown application, no new status).
 *
 * @example trackApplication(doc.statuses, selected, statusOps)?.to // 'selected'
 */
export const trackApplication = <Entry>(
  entries: Record<string, Entry>,
  event: ApplicationEvent,
  ops: EntryOps<NoInfer<Entry>>,
): Move<Entry> | undefined => {
  const { applicationId } = event.data
  const known = own(entries, applicationId)
  if (event.type === 'application.submitted') {
    if (known !== undefined) return undefined
    const entry = put(entries, applicationId, ops.submitted(event.data))
    return { entry, from: undefined, to: 'submitted' }
  }
  if (known === undefined) return undefined
  const from = ops.statusOf(known)
  const to = statusAfter[event.type]
  if (from === to) return undefined
  return { entry: put(entries, applicationId, ops.moved(known, to)), from, to }
}

/**
 * The calendar year of an ISO date.
 *
 * @example yearOf('2020-01-07') // 2020
 */
export const yearOf = (isoDate: string): number => Number(isoDate.slice(0, 4))
