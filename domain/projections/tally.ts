import { z } from 'zod'

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

/** The status a decision or withdrawal event leaves an application in. */
export const statusAfter = {
  'application.submitted': 'submitted',
  'application.selected': 'selected',
  'application.rejected': 'rejected',
  'application.withdrawn': 'withdrawn',
} as const satisfies Record<string, ApplicationStatus>

/**
 * A record's own entry: ids such as `constructor` must not find Object.prototype's members.
 *
 * @example own({}, 'constructor') // undefined
 */
export const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined

/**
 * The calendar year of an ISO date.
 *
 * @example yearOf('2020-01-07') // 2020
 */
export const yearOf = (isoDate: string): number => Number(isoDate.slice(0, 4))
