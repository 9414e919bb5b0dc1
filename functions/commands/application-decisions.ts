import {
  applicationDecider,
  applicationErrors,
  profilePublicationFor,
  seatChange,
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
} from '../../domain/application/index.js'
import { editionDecider } from '../../domain/edition/index.js'
import { startupDecider } from '../../domain/startup/index.js'
import type { StreamAppend } from '../store/event-store.js'
import { matchesSha256 } from '../shared/secrets.js'
import type { Loaded } from '../store/aggregate-loader.js'
import { heldApplicationGuardId, seatsCounterId } from '../store/guard-ids.js'
import { applicationGuard, findApplicationGuard, parseApplicationGuard, withdrawalTokenHashOf } from '../store/application-guard.js'
import { effectiveTime, isStaff, type CommandContext } from './command-context.js'
import { editionLifecycle } from './edition-lifecycle.js'
import { InvalidWithdrawalTokenError } from './errors.js'
import type { Decision, UseCase } from './handle-command.js'
import type { WriteDeps } from './write-deps.js'

export interface ApplicationStatus<Status extends string = 'selected' | 'rejected' | 'withdrawn' | 'submitted' | 'dismissed'> {
  readonly applicationId: string
  readonly status: Status
}

type Existing = Exclude<ApplicationState, { status: 'absent' }>

const existing = ({ state }: Loaded<ApplicationState>, applicationId: string): Existing => {
  if (state.status === 'absent') throw applicationErrors.notFound(applicationId)
  return state
}

type Deps = Pick<WriteDeps, 'aggregates' | 'store'>

/**
 * Decides on an application within its edition. The edition is read, not written; a
 * decision checks its lifecycle as still open (it cannot close meanwhile), a withdrawal
 * needs only that it exists, which it does for good. A selection or the withdrawal of a
 * member also writes the edition's seat counter at the value it read, so two staff
 * selecting for the last seat cannot both succeed: the second decides again on the new
 * count and is refused `edition-full`.
 */
const decideWithinEdition = async <Status extends 'selected' | 'rejected' | 'withdrawn'>(
  deps: Deps,
  own: Loaded<ApplicationState>,
  command: Extract<ApplicationCommand, { type: 'DecideApplication' | 'WithdrawApplication' }>,
  status: Status,
): Promise<Decision<ApplicationStatus<Status>>> => {
  const { editionId } = existing(own, command.applicationId)
  const needsSeats = (command.type === 'DecideApplication' && command.decision === 'selected') || own.state.status === 'selected'
  const counterId = seatsCounterId(editionId)
  const [edition, seatsTaken] = await Promise.all([
    deps.aggregates.load(editionDecider, editionId, { reuse: 'cached' }),
    needsSeats ? deps.store.readCounter(counterId) : undefined,
  ])
  const events: ApplicationEvent[] = applicationDecider.decide(command, own.state, {
    edition: edition.state,
    ...(seatsTaken === undefined ? {} : { seatsTaken }),
  })
  const change = seatChange(own.state, events)
  const seats = change === 0 || seatsTaken === undefined ? [] : [{ counterId, expected: seatsTaken, value: seatsTaken + change }]
  const lifecycle = command.type === 'DecideApplication' ? [editionLifecycle(editionId, edition)] : []
  return {
    events,
    alsoAppend: await publication(deps, events, command.now),
    counters: [...seats, ...lifecycle],
    result: { applicationId: command.applicationId, status },
  }
}

/**
 * A selection publishes the start-up's public profile to partners, on the start-up's
 * stream in the same transaction (nothing when partners have it already): a partner never
 * learns of a start-up from its registration, which anyone knowing its SIRET can make.
 */
const publication = async (deps: Deps, events: readonly ApplicationEvent[], now: string): Promise<StreamAppend[]> => {
  const publish = profilePublicationFor(events, now)
  if (!publish) return []
  const startup = await deps.aggregates.load(startupDecider, publish.startupId)
  const published = startupDecider.decide(publish, startup.state, undefined)
  return published.length > 0 ? [{ streamId: startup.streamId, expectedVersion: startup.version, events: published }] : []
}

/**
 * Staff select or reject a submitted application, on the version they saw (If-Match).
 *
 * @example await handleCommand(deps, decideApplication(deps, { applicationId, decision: 'selected' }, context), context)
 */
export const decideApplication = (
  deps: Deps,
  { applicationId, decision, reason }: { applicationId: string; decision: 'selected' | 'rejected'; reason?: string | undefined },
  context: CommandContext,
): UseCase<ApplicationState, ApplicationStatus<'selected' | 'rejected'>> => {
  const command = { type: 'DecideApplication' as const, applicationId, decision, now: effectiveTime(context), ...(reason ? { reason } : {}) }
  return {
    aggregate: applicationDecider,
    id: applicationId,
    decide: (own) => decideWithinEdition(deps, own, command, decision),
  }
}

/**
 * An application is withdrawn: by the start-up with the token it got when applying (only
 * its hash is kept, in the application's guard) or with the signed link mailed to its
 * contact (checked by its mac, nothing stored), or by staff without either.
 *
 * @example await handleCommand(deps, withdrawApplication(deps, { applicationId, token }, context), context)
 */
export const withdrawApplication = (
  deps: Deps & Pick<WriteDeps, 'withdrawalLinks'>,
  { applicationId, token, reason }: { applicationId: string; token?: string | undefined; reason?: string | undefined },
  context: CommandContext,
): UseCase<ApplicationState, ApplicationStatus<'withdrawn'>> => {
  const staff = isStaff(context)
  const command = {
    type: 'WithdrawApplication' as const,
    applicationId,
    by: staff ? ('staff' as const) : ('startup' as const),
    now: effectiveTime(context),
    ...(reason ? { reason } : {}),
  }
  return {
    aggregate: applicationDecider,
    id: applicationId,
    async decide(own) {
      const application = existing(own, applicationId)
      if (!staff) {
        const hash = await withdrawalTokenHashOf(deps.store, application)
        const shown = token !== undefined && hash !== undefined && matchesSha256(token, hash)
        const mailed = !shown && token !== undefined && (await deps.withdrawalLinks?.verify(applicationId, token))
        if (!(shown || mailed)) throw new InvalidWithdrawalTokenError()
      }
      return decideWithinEdition(deps, own, command, 'withdrawn')
    },
  }
}

/**
 * Staff end a held application: confirmed, it becomes the start-up's one application to
 * the edition (taking its guard then, with the token its applicant got); dismissed, it ends.
 *
 * @example await handleCommand(deps, settleHeldApplication(deps, { applicationId, outcome: 'confirmed' }, context), context)
 */
export const settleHeldApplication = (
  deps: Deps,
  { applicationId, outcome, reason }: { applicationId: string; outcome: 'confirmed' | 'dismissed'; reason?: string | undefined },
  context: CommandContext,
): UseCase<ApplicationState, ApplicationStatus<'submitted' | 'dismissed'>> => {
  const now = effectiveTime(context)
  const command =
    outcome === 'confirmed'
      ? { type: 'ConfirmApplication' as const, applicationId, now }
      : { type: 'DismissApplication' as const, applicationId, now, ...(reason ? { reason } : {}) }
  return {
    aggregate: applicationDecider,
    id: applicationId,
    async decide(own): Promise<Decision<ApplicationStatus<'submitted' | 'dismissed'>>> {
      const { editionId, startupId } = existing(own, applicationId)
      const [edition, startup] = await Promise.all([
        deps.aggregates.load(editionDecider, editionId, { reuse: 'cached' }),
        // Whose contact it is: an application of a contact the start-up's recovery disowned
        // may be dismissed, whatever its state.
        deps.aggregates.load(startupDecider, startupId),
      ])
      const events = applicationDecider.decide(command, own.state, { edition: edition.state, startup: startup.state })
      if (command.type === 'DismissApplication') {
        return { events, unchanged: [startup], result: { applicationId, status: 'dismissed' } }
      }
      const held = parseApplicationGuard(await deps.store.findGuard(heldApplicationGuardId(applicationId)))
      if (!held) throw new Error(`Held application ${applicationId} has no guard`)
      // The start-up's one application to the edition may be held by an application staff
      // dismissed (a squatter's, after a recovery): this one takes its place, checked unchanged.
      const holder = await findApplicationGuard(deps.store, editionId, startupId)
      const dismissed =
        holder && holder.applicationId !== applicationId
          ? await deps.aggregates.load(applicationDecider, holder.applicationId)
          : undefined
      const takesOver = dismissed?.state.status === 'dismissed' ? { field: 'applicationId', value: dismissed.state.applicationId } : undefined
      return {
        events,
        counters: [editionLifecycle(editionId, edition)],
        unchanged: takesOver && dismissed ? [dismissed] : [],
        guards: [
          {
            ...applicationGuard(editionId, startupId, held),
            ...(takesOver ? { takesOver } : {}),
            refusal: (holder) => applicationErrors.alreadyApplied(editionId, startupId, parseApplicationGuard(holder)?.applicationId ?? ''),
          },
        ],
        result: { applicationId, status: 'submitted' },
      }
    },
  }
}
