import { isMember, type ApplicationState } from '../application/state.js'
import { UnknownCommandError } from '../shared/errors.js'
import type { CloseEdition, EditionCommand, JoinPartner, OpenEdition, RecordAward } from './commands.js'
import { editionErrors } from './errors.js'
import { existingEdition, instant, openEdition } from './guards.js'
import { awardKey, type EditionEvent, type EditionState } from './state.js'

/** What an edition's decision needs from outside its stream, read by the handler. */
export interface EditionContext {
  /** For an award: the winner's application to this edition, if it applied. */
  readonly winner?: ApplicationState
}

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

const award = (command: RecordAward, state: EditionState, { winner }: EditionContext): EditionEvent[] => {
  const { awardId, editionId, startupId, award, category } = command
  existingEdition(state, editionId)
  if (winner === undefined || !isMember(winner)) throw editionErrors.notAMember(editionId, startupId)
  if (state.awardKeys.has(awardKey(startupId, award, category))) {
    throw editionErrors.awardAlreadyWon(editionId, startupId, award, category)
  }
  return [{ type: 'award.won', data: { awardId, editionId, startupId, award, category } }]
}

const join = (command: JoinPartner, state: EditionState): EditionEvent[] => {
  const { partnerId, editionId, name, kind, contribution } = command
  openEdition(state, editionId)
  if (state.partnerIds.has(partnerId)) throw editionErrors.partnerAlreadyJoined(editionId, partnerId)
  return [{ type: 'partner.joined', data: { partnerId, editionId, name, kind, contribution } }]
}

const close = (command: CloseEdition, state: EditionState): EditionEvent[] => {
  const { editionId } = command
  openEdition(state, editionId)
  return [{ type: 'edition.closed', data: { editionId } }]
}

/**
 * Decides what an edition command causes, or throws a RuleViolationError.
 *
 * @example decideEdition({ type: 'CloseEdition', editionId: 'ces-2020', now }, state, {})
 */
export const decideEdition = (
  command: EditionCommand,
  state: EditionState,
  context: EditionContext = {},
): EditionEvent[] => {
  switch (command.type) {
    case 'OpenEdition':
      return open(command, state)
    case 'RecordAward':
      return award(command, state, context)
    case 'JoinPartner':
      return join(command, state)
    case 'CloseEdition':
      return close(command, state)
  }
  const _never: never = command
  throw new UnknownCommandError(_never)
}
