import { existingEdition, instant, openEdition } from '../edition/guards.js'
import type { EditionState } from '../edition/state.js'
import { UnknownCommandError } from '../shared/errors.js'
import type {
  ApplicationCommand,
  DecideApplication,
  SubmitApplication,
  WithdrawApplication,
} from './commands.js'
import { applicationErrors } from './errors.js'
import { evolveApplication, type ApplicationEvent, type ApplicationState } from './state.js'

/** What an application's decision needs from outside its stream, read by the handler. */
export interface ApplicationContext {
  /** The edition applied to. */
  readonly edition: EditionState
  /**
   * Seats of the delegation taken now (the edition's seat counter). Needed to select;
   * the handler writes the counter back with the selection, so a race is retried.
   */
  readonly seatsTaken?: number
}

type Existing = Exclude<ApplicationState, { status: 'absent' }>

const existing = (state: ApplicationState, applicationId: string): Existing => {
  if (state.status === 'absent') throw applicationErrors.notFound(applicationId)
  return state
}

const submit = (
  command: SubmitApplication,
  state: ApplicationState,
  { edition }: ApplicationContext,
): ApplicationEvent[] => {
  const { editionId, applicationId, now } = command
  const { applicationDeadline } = openEdition(edition, editionId)
  if (state.status !== 'absent') throw applicationErrors.alreadySubmitted(applicationId)
  if (instant('now', now) > instant('applicationDeadline', applicationDeadline)) {
    throw applicationErrors.deadlinePassed(editionId, applicationDeadline, now)
  }
  const { startupId, startupName, territory, themes, pitch, contact } = command
  return [
    {
      type: 'application.submitted',
      data: { applicationId, editionId, startupId, startupName, territory, themes, pitch, contact },
    },
  ]
}

const decideOn = (
  command: DecideApplication,
  state: ApplicationState,
  { edition, seatsTaken }: ApplicationContext,
): ApplicationEvent[] => {
  const { applicationId, decision, reason } = command
  const application = existing(state, applicationId)
  const { editionId, startupId } = application
  const { capacity } = existingEdition(edition, editionId)
  if (application.status !== 'submitted') {
    throw applicationErrors.alreadyDecided(editionId, applicationId, application.status)
  }
  openEdition(edition, editionId)
  if (decision === 'selected') {
    if (seatsTaken === undefined) throw new TypeError('Selecting needs the seats taken')
    if (seatsTaken >= capacity) throw applicationErrors.full(editionId, capacity)
  }
  const data = { applicationId, editionId, startupId, ...optional(reason) }
  return [
    decision === 'selected'
      ? { type: 'application.selected', data }
      : { type: 'application.rejected', data },
  ]
}

const withdraw = (
  command: WithdrawApplication,
  state: ApplicationState,
  { edition }: ApplicationContext,
): ApplicationEvent[] => {
  const { applicationId, by, reason } = command
  const application = existing(state, applicationId)
  const { editionId, startupId, status } = application
  existingEdition(edition, editionId)
  if (status !== 'submitted' && status !== 'selected') {
    throw applicationErrors.notWithdrawable(editionId, applicationId, status)
  }
  return [{ type: 'application.withdrawn', data: { applicationId, editionId, startupId, by, ...optional(reason) } }]
}

/** Absent optional fields stay absent: DynamoDB refuses `undefined` values. */
const optional = (reason: string | undefined) => (reason === undefined ? {} : { reason })

/**
 * Decides what an application command causes, or throws a RuleViolationError.
 *
 * @example decideApplication({ type: 'DecideApplication', applicationId, decision: 'selected', now }, state, { edition, seatsTaken: 3 })
 */
export const decideApplication = (
  command: ApplicationCommand,
  state: ApplicationState,
  context: ApplicationContext,
): ApplicationEvent[] => {
  switch (command.type) {
    case 'SubmitApplication':
      return submit(command, state, context)
    case 'DecideApplication':
      return decideOn(command, state, context)
    case 'WithdrawApplication':
      return withdraw(command, state, context)
  }
  const _never: never = command
  throw new UnknownCommandError(_never)
}

/**
 * How events change the delegation's seats taken: +1 for a selection, −1 for the
 * withdrawal of a member. The handler writes the edition's seat counter with them.
 *
 * @example seatChange(submittedState, [selectedEvent]) // 1
 */
export const seatChange = (before: ApplicationState, events: readonly ApplicationEvent[]): number => {
  let change = 0
  let state = before
  for (const event of events) {
    if (event.type === 'application.selected') change += 1
    if (event.type === 'application.withdrawn' && state.status === 'selected') change -= 1
    state = evolveApplication(state, event)
  }
  return change
}
