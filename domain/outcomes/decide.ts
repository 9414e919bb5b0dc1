import { isMember, type ApplicationState } from '../application/state.js'
import { editionErrors } from '../edition/errors.js'
import { existingEdition, instant } from '../edition/guards.js'
import type { EditionState } from '../edition/state.js'
import type { OutcomeFigures } from '../events/index.js'
import { UnknownCommandError } from '../shared/errors.js'
import type { OutcomesCommand, ReportOutcomes } from './commands.js'
import { outcomesErrors } from './errors.js'
import type { OutcomesEvent, OutcomesState } from './state.js'

/** What a report needs from outside its stream, read by the handler (see state.ts). */
export interface OutcomesContext {
  /** The edition reported on: it must exist, and its show must have started. */
  readonly edition: EditionState
  /**
   * The start-up's application to that edition (found by the edition's one-application
   * guard), if it applied: it must be selected, and not withdrawn. The append checks its
   * stream unchanged.
   */
  readonly application?: ApplicationState
}

const counts = [
  'businessContacts',
  'dealsSigned',
  'fundsRaisedEur',
  'pressArticles',
  'jobsCreated',
  'jobsPlanned',
] as const satisfies readonly Exclude<keyof OutcomeFigures, 'dealsValueBand'>[]

/** The figures, checked again here: the schema parses requests, not every caller's command. */
const checkedFigures = (command: ReportOutcomes): OutcomeFigures => {
  for (const field of counts) {
    const value = command[field]
    if (!Number.isSafeInteger(value) || value < 0) throw outcomesErrors.invalidFigure(field, value)
  }
  const { dealsSigned, dealsValueBand } = command
  if (dealsSigned > 0 !== (dealsValueBand !== null)) {
    throw outcomesErrors.dealsValueBandMismatch(dealsSigned, dealsValueBand)
  }
  const { businessContacts, fundsRaisedEur, pressArticles, jobsCreated, jobsPlanned } = command
  return {
    businessContacts,
    dealsSigned,
    dealsValueBand,
    fundsRaisedEur,
    pressArticles,
    jobsCreated,
    jobsPlanned,
  }
}

/** The member's application, or `not-a-delegation-member`. */
const membership = (command: ReportOutcomes, application: ApplicationState | undefined) => {
  const { editionId, startupId } = command
  const theirs =
    application !== undefined &&
    application.status !== 'absent' &&
    application.editionId === editionId &&
    application.startupId === startupId
  if (!theirs || !isMember(application)) throw editionErrors.notAMember(editionId, startupId)
  return application
}

/**
 * Only members report, only once the show has started, and each report is a new revision
 * of the whole. "Started" is judged on the calendar day of `now` as it was given (its own
 * offset), as the edition judges its deadline against its dates: no time zone has to be
 * guessed for the show.
 */
const report = (
  command: ReportOutcomes,
  state: OutcomesState,
  { edition, application }: OutcomesContext,
): OutcomesEvent[] => {
  const { editionId, startupId, reportedBy, noteForStaff, now } = command
  const { startsOn } = existingEdition(edition, editionId)
  const { applicationId } = membership(command, application)
  instant('now', now)
  if (now.slice(0, 10) < startsOn) throw outcomesErrors.beforeShow(editionId, startsOn, now)
  const figures = checkedFigures(command)
  const revision = state.revision + 1
  const note = noteForStaff === undefined ? {} : { noteForStaff }
  return [
    {
      type: 'outcomes.reported',
      data: { editionId, startupId, applicationId, revision, ...figures, reportedBy, ...note },
    },
  ]
}

/**
 * Decides what an outcomes command causes, or throws a RuleViolationError.
 *
 * @example decideOutcomes({ type: 'ReportOutcomes', …report, now }, state, { edition, application })
 */
export const decideOutcomes = (
  command: OutcomesCommand,
  state: OutcomesState,
  context: OutcomesContext,
): OutcomesEvent[] => {
  switch (command.type) {
    case 'ReportOutcomes':
      return report(command, state, context)
  }
  // A one-member union does not narrow `command` itself, only its discriminant.
  const _never: never = command.type
  throw new UnknownCommandError(command)
}
