import { existingEdition, instant, openEdition } from '../edition/guards.js'
import type { EditionState } from '../edition/state.js'
import { isConsentVersion } from '../shared/consent.js'
import { UnknownCommandError } from '../shared/errors.js'
import { isDisownedContact, isStartupContact, type StartupState } from '../startup/state.js'
import type {
  ApplicationCommand,
  ConfirmApplication,
  DecideApplication,
  DismissApplication,
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
  /**
   * The start-up applying, as registered now (its stream). Needed to submit: an
   * application for a registered start-up from a contact it does not name is held. And to
   * dismiss an application that is not held: only one whose contact the start-up's
   * recovery disowned may be.
   */
  readonly startup?: StartupState
  /**
   * The start-up has its one application to this edition already (its guard is taken):
   * another is held for staff, whoever sends it, so that no answer tells a caller whether
   * an address is the start-up's contact (the contact hears of it, by e-mail).
   */
  readonly alreadyApplied?: boolean
}

type Existing = Exclude<ApplicationState, { status: 'absent' }>

const existing = (state: ApplicationState, applicationId: string): Existing => {
  if (state.status === 'absent') throw applicationErrors.notFound(applicationId)
  return state
}

const submit = (
  command: SubmitApplication,
  state: ApplicationState,
  { edition, startup, alreadyApplied = false }: ApplicationContext,
): ApplicationEvent[] => {
  const { editionId, applicationId, now } = command
  if (startup === undefined) throw new TypeError('Submitting needs the start-up’s registration')
  const { applicationDeadline } = openEdition(edition, editionId)
  if (state.status !== 'absent') throw applicationErrors.alreadySubmitted(applicationId)
  if (instant('now', now) > instant('applicationDeadline', applicationDeadline)) {
    throw applicationErrors.deadlinePassed(editionId, applicationDeadline, now)
  }
  const { startupId, startupName, territory, themes, pitch, contact, consent } = command
  if (consent && !isConsentVersion(consent.version)) throw applicationErrors.unknownConsentVersion(consent.version)
  const language = command.language ?? 'fr'
  const data = { applicationId, editionId, startupId, startupName, territory, themes, pitch, contact, consent, language }
  // SIRETs are public: naming a registered start-up does not make one its contact. A
  // start-up not yet registered is registered by this very application, with this contact.
  // An erased or missing contact names no one: staff confirm.
  const ownContact =
    !alreadyApplied && (startup.status === 'absent' || (contact !== null && isStartupContact(startup, contact.email)))
  return [ownContact ? { type: 'application.submitted', data } : { type: 'application.held', data }]
}

/** The held application, or the refusal to confirm or dismiss anything else. */
const held = (state: ApplicationState, applicationId: string) => {
  const application = existing(state, applicationId)
  if (application.status !== 'held') {
    throw applicationErrors.notHeld(application.editionId, applicationId, application.status)
  }
  return application
}

/**
 * Confirming submits the held application as it came; the one-application guard is taken
 * then (by the handler), not when it was held. The deadline is not checked again: the
 * application came in time. The edition must still be open, as for any decision.
 */
const confirm = (command: ConfirmApplication, state: ApplicationState, { edition }: ApplicationContext): ApplicationEvent[] => {
  const { submission, editionId } = held(state, command.applicationId)
  openEdition(edition, editionId)
  return [{ type: 'application.submitted', data: submission }]
}

/**
 * A held application, or one whose contact a recovery of its start-up disowned (whoever
 * registered the start-up first in its name): submitted, rejected or withdrawn, it is
 * dismissed as not the start-up's. A selected one holds a seat that partners were told
 * of: staff withdraw it first, so partners hear that the member left.
 */
const dismissable = (state: ApplicationState, applicationId: string, startup: StartupState | undefined) => {
  const application = existing(state, applicationId)
  const { editionId, status, contactEmail } = application
  if (status === 'held') return application
  const disowned = startup !== undefined && contactEmail !== null && isDisownedContact(startup, contactEmail)
  if (!disowned || status === 'dismissed') throw applicationErrors.notHeld(editionId, applicationId, status)
  if (status === 'selected') throw applicationErrors.isMember(editionId, applicationId)
  return application
}

const dismiss = (
  command: DismissApplication,
  state: ApplicationState,
  { edition, startup }: ApplicationContext,
): ApplicationEvent[] => {
  const { applicationId, reason } = command
  const { editionId, startupId } = dismissable(state, applicationId, startup)
  existingEdition(edition, editionId)
  return [{ type: 'application.dismissed', data: { applicationId, editionId, startupId, ...optional(reason) } }]
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
  if (application.status === 'held') throw applicationErrors.awaitingConfirmation(editionId, applicationId)
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
  // A held application may be withdrawn by whoever made it (its own token, see the API).
  if (status !== 'submitted' && status !== 'selected' && status !== 'held') {
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
    case 'ConfirmApplication':
      return confirm(command, state, context)
    case 'DismissApplication':
      return dismiss(command, state, context)
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
