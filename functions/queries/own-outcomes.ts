import { z } from '@hono/zod-openapi'
import { applicationDecider, applicationErrors, isMember } from '../../domain/application/index.js'
import { editionDecider } from '../../domain/edition/index.js'
import { outcomeFigures } from '../../domain/events/index.js'
import { outcomesDecider, outcomesId } from '../../domain/outcomes/index.js'
import type { AggregateLoader } from '../store/aggregate-loader.js'
import { holdsApplicationToken } from '../store/application-guard.js'
import type { EventStore } from '../store/event-store.js'

/**
 * What a start-up sees of its own outcomes through its link: the edition, whether it is a
 * member, from when it may report, and its latest report's figures (never the note to
 * staff, which staff may have written). Read from the streams themselves, not a read
 * model: a start-up that just reported sees its report at once.
 */
export const ownOutcomes = z
  .object({
    applicationId: z.string(),
    editionId: z.string(),
    editionName: z.string(),
    startupId: z.string(),
    /** A member of the delegation (selected, not withdrawn): only members report. */
    member: z.boolean(),
    /** The show's first day: reports are taken from then on. */
    reportableFrom: z.string(),
    report: z
      .object({ ...outcomeFigures.shape, revision: z.number().int(), reportedBy: z.enum(['startup', 'staff']) })
      .nullable()
      .openapi({ description: 'The latest report (null before the first): a new one replaces it whole' }),
  })
  .openapi('OwnOutcomes')
export type OwnOutcomes = z.infer<typeof ownOutcomes>

/**
 * A start-up's own outcomes, if `token` is its application's: undefined for any other
 * token (another application's, a tampered one), `application-not-found` for no such
 * application.
 *
 * @example const mine = await loadOwnOutcomes({ aggregates, store }, applicationId, token)
 */
export const loadOwnOutcomes = async (
  { aggregates, store }: { aggregates: AggregateLoader; store: EventStore },
  applicationId: string,
  token: string,
): Promise<OwnOutcomes | undefined> => {
  const { state: application } = await aggregates.load(applicationDecider, applicationId)
  if (application.status === 'absent') throw applicationErrors.notFound(applicationId)
  if (!(await holdsApplicationToken(store, application, token))) return undefined
  const { editionId, startupId } = application
  const [edition, outcomes] = await Promise.all([
    aggregates.load(editionDecider, editionId, { reuse: 'cached' }),
    aggregates.load(outcomesDecider, outcomesId(editionId, startupId)),
  ])
  const current = outcomes.state.current
  return {
    applicationId,
    editionId,
    editionName: edition.state.edition?.name ?? editionId,
    startupId,
    member: isMember(application),
    reportableFrom: edition.state.edition?.startsOn ?? '',
    // The figures only (zod leaves out the rest): no note to staff, no ids.
    report: current && { ...outcomeFigures.parse(current), revision: current.revision, reportedBy: current.reportedBy.by },
  }
}
