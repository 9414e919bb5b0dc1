import { z } from 'zod'
import type { EventOf } from '../events/index.js'

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

export const emptyTally: Tally = {
  applications: 0,
  submitted: 0,
  selected: 0,
  rejected: 0,
  withdrawn: 0,
}

/**
 * Counts statuses. Recounting from the per-application statuses (rather than adding
 * and subtracting) keeps the figures right whatever transition an event makes.
 *
 * @example tallyOf(['selected', 'rejected']).selected // 1
 */
export const tallyOf = (statuses: Iterable<ApplicationStatus>): Tally => {
  const tally = { ...emptyTally }
  for (const status of statuses) {
    tally.applications += 1
    tally[status] += 1
  }
  return tally
}

/**
 * A record's own entry: ids such as `constructor` must not find Object.prototype's members.
 *
 * @example own({}, 'constructor') // undefined
 */
export const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined

/** The events that move an application: the projections that count statuses subscribe to all. */
export const applicationEventTypes = [
  'application.submitted',
  'application.selected',
  'application.rejected',
  'application.withdrawn',
] as const
type ApplicationEventType = (typeof applicationEventTypes)[number]
type ApplicationEvent = EventOf<ApplicationEventType>

/** An edition's whole stream: what the one-document-per-edition rows (summary, history) fold. */
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

/** How a projection's per-application entry is made on submission, and restated on a move. */
export interface EntryOps<Entry> {
  submitted(data: EventOf<'application.submitted'>['data']): Entry
  moved(entry: Entry, status: ApplicationStatus): Entry
}

/**
 * Records an application event in entries keyed by application id: a submission adds its
 * entry once, a decision or withdrawal moves a known one. `undefined` when nothing changes
 * (a replayed submission, a decision on an unknown application), so the doc stays as it is.
 *
 * @example trackApplication(statuses, selected, statusOps)?.[applicationId] // 'selected'
 */
export const trackApplication = <Entry>(
  entries: Readonly<Record<string, Entry>>,
  event: ApplicationEvent,
  ops: EntryOps<NoInfer<Entry>>,
): Record<string, Entry> | undefined => {
  const { applicationId } = event.data
  const known = own(entries, applicationId)
  if (event.type === 'application.submitted') {
    if (known !== undefined) return undefined
    return { ...entries, [applicationId]: ops.submitted(event.data) }
  }
  if (known === undefined) return undefined
  return { ...entries, [applicationId]: ops.moved(known, statusAfter[event.type]) }
}

/**
 * The calendar year of an ISO date.
 *
 * @example yearOf('2020-01-07') // 2020
 */
export const yearOf = (isoDate: string): number => Number(isoDate.slice(0, 4))
