import { z } from 'zod'
import { isoDateTime, outcomesReported } from '../events/index.js'

/**
 * A member's report of what it brought back from a show, derived from the event it causes so
 * no field is typed twice: the whole report every time (a later one supersedes, never
 * merges), by the start-up through its link or by staff from the back-office
 * (`reportedBy`). The application it is a member by and the revision are the decider's to
 * fill in; `now` is the effective time (the clock, or the historical time staff import).
 *
 * @example reportOutcomesCommand.parse({ type: 'ReportOutcomes', editionId, startupId, …figures, reportedBy: { by: 'startup' }, now })
 */
export const reportOutcomesCommand = outcomesReported
  .omit({ applicationId: true, revision: true })
  .extend({ type: z.literal('ReportOutcomes'), now: isoDateTime })

/** Any outcomes command, discriminated on `type` (one today; staff and start-ups share it). */
export const outcomesCommand = z.discriminatedUnion('type', [reportOutcomesCommand])

export type ReportOutcomes = z.infer<typeof reportOutcomesCommand>
export type OutcomesCommand = z.infer<typeof outcomesCommand>
