import { applicationDecider, applicationErrors } from '../../domain/application/index.js'
import { editionDecider } from '../../domain/edition/index.js'
import type { OutcomeFigures, OutcomesReporter } from '../../domain/events/index.js'
import { outcomesDecider, outcomesId, type OutcomesState } from '../../domain/outcomes/index.js'
import { findApplicationGuard, holdsApplicationToken } from '../store/application-guard.js'
import { effectiveTime, type CommandContext } from './command-context.js'
import { InvalidWithdrawalTokenError, StaffOnlyError } from './errors.js'
import type { UseCase } from './handle-command.js'
import type { WriteDeps } from './write-deps.js'

type Deps = Pick<WriteDeps, 'aggregates' | 'store'>

/** A member's report as a caller gives it: the figures, and a note for staff if any. */
export interface OutcomesReport extends OutcomeFigures {
  readonly noteForStaff?: string | undefined
}

/** What a report answers: whose it is, and its revision (also the ETag: the stream's version). */
export interface OutcomesRecorded {
  readonly editionId: string
  readonly startupId: string
  readonly revision: number
}

/**
 * One report of a member's outcomes, by whoever: the member is found through the edition's
 * one-application guard, its application read and checked unchanged by the append (a
 * withdrawal racing the report makes it decide again), the edition read for its dates
 * (which never change once opened: from this process's cache). The report goes on the
 * member's own outcomes stream, so reports never contend with one another.
 */
const outcomesUseCase = (
  deps: Deps,
  { editionId, startupId, reportedBy, report }: { editionId: string; startupId: string; reportedBy: OutcomesReporter; report: OutcomesReport },
  context: CommandContext,
): UseCase<OutcomesState, OutcomesRecorded> => {
  const { noteForStaff, ...figures } = report
  const now = effectiveTime(context)
  return {
    aggregate: outcomesDecider,
    id: outcomesId(editionId, startupId),
    async decide({ state }) {
      const guard = await findApplicationGuard(deps.store, editionId, startupId)
      const [edition, application] = await Promise.all([
        deps.aggregates.load(editionDecider, editionId, { reuse: 'cached' }),
        guard ? deps.aggregates.load(applicationDecider, guard.applicationId) : undefined,
      ])
      const command = {
        type: 'ReportOutcomes' as const,
        editionId,
        startupId,
        ...figures,
        reportedBy,
        ...(noteForStaff === undefined ? {} : { noteForStaff }),
        now,
      }
      const events = outcomesDecider.decide(command, state, {
        edition: edition.state,
        ...(application ? { application: application.state } : {}),
      })
      const revision = events.at(-1)?.data.revision ?? state.revision
      return { events, unchanged: application ? [application] : [], result: { editionId, startupId, revision } }
    },
  }
}

/**
 * Staff record or correct a member's outcomes from the back-office (or import them with
 * `occurredAt`): the whole report, superseding the last one. Pinned with If-Match to the
 * revision they saw, a report the start-up sent meanwhile is not overwritten unseen.
 *
 * @example await handleCommand(deps, recordOutcomes(deps, { editionId, startupId, report }, context), context)
 */
export const recordOutcomes = (
  deps: Deps,
  { editionId, startupId, report }: { editionId: string; startupId: string; report: OutcomesReport },
  context: CommandContext,
): UseCase<OutcomesState, OutcomesRecorded> => {
  const { actor } = context
  if (actor.kind !== 'staff') throw new StaffOnlyError('Only staff record outcomes for a member')
  const reportedBy = { by: 'staff' as const, staffMember: actor.subject }
  return outcomesUseCase(deps, { editionId, startupId, reportedBy, report }, context)
}

/**
 * A start-up reports its own outcomes through the link only it holds: its application's
 * id and the token it got when applying (only the token's hash is kept, in the edition's
 * one-application guard). The token is checked before anything else is said about the
 * application; the application names the edition and the start-up, which never change.
 *
 * @example await handleCommand(deps, await reportOwnOutcomes(deps, { applicationId, token, report }, context), context)
 */
export const reportOwnOutcomes = async (
  deps: Deps,
  { applicationId, token, report }: { applicationId: string; token: string; report: OutcomesReport },
  context: CommandContext,
): Promise<UseCase<OutcomesState, OutcomesRecorded>> => {
  const { state } = await deps.aggregates.load(applicationDecider, applicationId)
  if (state.status === 'absent') throw applicationErrors.notFound(applicationId)
  if (!(await holdsApplicationToken(deps.store, state, token))) throw new InvalidWithdrawalTokenError()
  const { editionId, startupId } = state
  return outcomesUseCase(deps, { editionId, startupId, reportedBy: { by: 'startup' }, report }, context)
}
