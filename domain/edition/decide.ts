import { UnknownCommandError } from '../shared/errors.js'
import type {
  CloseEdition,
  DecideApplication,
  EditionCommand,
  JoinPartner,
  OpenEdition,
  RecordAward,
  SubmitApplication,
  WithdrawApplication,
} from './commands.js'
import { editionErrors } from './errors.js'
import { existingApplication, existingEdition, instant, openEdition } from './guards.js'
import { applicationIdOfStartup, isMember } from './queries.js'
import { awardKey, type EditionEvent, type EditionState } from './state.js'

const open = (command: OpenEdition, state: EditionState): EditionEvent[] => {
  const { editionId, startsOn, endsOn, applicationDeadline } = command
  if (state.status !== 'absent') throw editionErrors.alreadyExists(editionId)
  if (endsOn < startsOn) {
    throw editionErrors.invalidDates(editionId, 'it ends before it starts', { startsOn, endsOn })
  }
  instant('applicationDeadline', applicationDeadline)
  // The deadline's own calendar day, so no time zone has to be guessed for the show.
  if (applicationDeadline.slice(0, 10) > endsOn) {
    throw editionErrors.invalidDates(editionId, 'applications close after the show ends', {
      applicationDeadline,
      endsOn,
    })
  }
  const { name, show, city, capacity, themes } = command
  const dates = { startsOn, endsOn, applicationDeadline }
  return [
    { type: 'edition.opened', data: { editionId, name, show, city, ...dates, capacity, themes } },
  ]
}

const submit = (command: SubmitApplication, state: EditionState): EditionEvent[] => {
  const { editionId, applicationId, startupId, now } = command
  const edition = openEdition(state, editionId)
  if (instant('now', now) > instant('applicationDeadline', edition.applicationDeadline)) {
    throw editionErrors.deadlinePassed(editionId, edition.applicationDeadline, now)
  }
  const existing = applicationIdOfStartup(state, startupId)
  if (existing !== undefined) throw editionErrors.alreadyApplied(editionId, startupId, existing)
  const { startupName, territory, themes, pitch, contact } = command
  return [
    {
      type: 'application.submitted',
      data: { applicationId, editionId, startupId, startupName, territory, themes, pitch, contact },
    },
  ]
}

const decideOn = (command: DecideApplication, state: EditionState): EditionEvent[] => {
  const { editionId, applicationId, decision, reason } = command
  const edition = existingEdition(state, editionId)
  const application = existingApplication(state, editionId, applicationId)
  if (application.status !== 'submitted') {
    throw editionErrors.alreadyDecided(editionId, applicationId, application.status)
  }
  openEdition(state, editionId)
  if (decision === 'selected' && state.selectedCount >= edition.capacity) {
    throw editionErrors.full(editionId, edition.capacity)
  }
  const data = { applicationId, editionId, startupId: application.startupId, ...optional(reason) }
  return [
    decision === 'selected'
      ? { type: 'application.selected', data }
      : { type: 'application.rejected', data },
  ]
}

const withdraw = (command: WithdrawApplication, state: EditionState): EditionEvent[] => {
  const { editionId, applicationId, by, reason } = command
  existingEdition(state, editionId)
  const application = existingApplication(state, editionId, applicationId)
  if (application.status !== 'submitted' && application.status !== 'selected') {
    throw editionErrors.notWithdrawable(editionId, applicationId, application.status)
  }
  const { startupId } = application
  const data = { applicationId, editionId, startupId, by, ...optional(reason) }
  return [{ type: 'application.withdrawn', data }]
}

const award = (command: RecordAward, state: EditionState): EditionEvent[] => {
  const { awardId, editionId, startupId, award, category } = command
  existingEdition(state, editionId)
  if (!isMember(state, startupId)) throw editionErrors.notAMember(editionId, startupId)
  if (state.awardKeys.includes(awardKey(startupId, award, category))) {
    throw editionErrors.awardAlreadyWon(editionId, startupId, award, category)
  }
  return [{ type: 'award.won', data: { awardId, editionId, startupId, award, category } }]
}

const join = (command: JoinPartner, state: EditionState): EditionEvent[] => {
  const { partnerId, editionId, name, kind, contribution } = command
  openEdition(state, editionId)
  if (state.partnerIds.includes(partnerId)) {
    throw editionErrors.partnerAlreadyJoined(editionId, partnerId)
  }
  return [{ type: 'partner.joined', data: { partnerId, editionId, name, kind, contribution } }]
}

const close = (command: CloseEdition, state: EditionState): EditionEvent[] => {
  const { editionId } = command
  openEdition(state, editionId)
  return [{ type: 'edition.closed', data: { editionId } }]
}

/** Absent optional fields stay absent: DynamoDB refuses `undefined` values. */
const optional = (reason: string | undefined) => (reason === undefined ? {} : { reason })

/**
 * Decides what an edition command causes, or throws a RuleViolationError.
 *
 * @example decideEdition({ type: 'CloseEdition', editionId: 'ces-2020', now }, state)
 */
export const decideEdition = (command: EditionCommand, state: EditionState): EditionEvent[] => {
  switch (command.type) {
    case 'OpenEdition':
      return open(command, state)
    case 'SubmitApplication':
      return submit(command, state)
    case 'DecideApplication':
      return decideOn(command, state)
    case 'WithdrawApplication':
      return withdraw(command, state)
    case 'RecordAward':
      return award(command, state)
    case 'JoinPartner':
      return join(command, state)
    case 'CloseEdition':
      return close(command, state)
  }
  const _never: never = command
  throw new UnknownCommandError(_never)
}
