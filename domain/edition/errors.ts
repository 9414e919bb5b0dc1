import { type RuleKind, RuleViolationError } from '../shared/errors.js'
import type { ApplicationStatus } from './state.js'

type Details = Record<string, unknown>

const refuse = (code: string, kind: RuleKind, message: string, details: Details) =>
  new RuleViolationError(code, message, kind, details)

/**
 * The edition's refusals, written once. Codes are public (problem+json type URIs).
 *
 * @example throw editionErrors.full('ces-2020', 30)
 */
export const editionErrors = {
  alreadyExists: (editionId: string) =>
    refuse('edition-already-exists', 'conflict', `Edition ${editionId} already exists.`, {
      editionId,
    }),
  invalidDates: (editionId: string, reason: string, details: Details) =>
    refuse(
      'invalid-edition-dates',
      'invalid',
      `Edition ${editionId} has inconsistent dates: ${reason}.`,
      { editionId, ...details },
    ),
  invalidDateTime: (field: string, value: string) =>
    refuse('invalid-datetime', 'invalid', `${field} "${value}" is not an ISO date-time.`, {
      field,
      value,
    }),
  notFound: (editionId: string) =>
    refuse('edition-not-found', 'not-found', `Edition ${editionId} does not exist.`, { editionId }),
  closed: (editionId: string) =>
    refuse('edition-closed', 'conflict', `Edition ${editionId} is closed.`, { editionId }),
  deadlinePassed: (editionId: string, applicationDeadline: string, now: string) =>
    refuse(
      'application-deadline-passed',
      'conflict',
      `The application deadline of edition ${editionId} (${applicationDeadline}) has passed.`,
      { editionId, applicationDeadline, now },
    ),
  alreadyApplied: (editionId: string, startupId: string, applicationId: string) =>
    refuse(
      'already-applied',
      'conflict',
      `Start-up ${startupId} has already applied to edition ${editionId} ` +
        `(application ${applicationId}).`,
      { editionId, startupId, applicationId },
    ),
  applicationNotFound: (editionId: string, applicationId: string) =>
    refuse(
      'application-not-found',
      'not-found',
      `Application ${applicationId} does not exist in edition ${editionId}.`,
      { editionId, applicationId },
    ),
  alreadyDecided: (editionId: string, applicationId: string, status: ApplicationStatus) =>
    refuse(
      'application-already-decided',
      'conflict',
      `Application ${applicationId} to edition ${editionId} is already ${status}.`,
      { editionId, applicationId, status },
    ),
  full: (editionId: string, capacity: number) =>
    refuse(
      'edition-full',
      'conflict',
      `Edition ${editionId} is full: its ${capacity} seats are taken.`,
      { editionId, capacity },
    ),
  notWithdrawable: (editionId: string, applicationId: string, status: ApplicationStatus) =>
    refuse(
      'application-not-withdrawable',
      'conflict',
      `Application ${applicationId} to edition ${editionId} is ${status} and cannot be withdrawn.`,
      { editionId, applicationId, status },
    ),
  notAMember: (editionId: string, startupId: string) =>
    refuse(
      'not-a-delegation-member',
      'conflict',
      `Start-up ${startupId} is not a member of the delegation to edition ${editionId}.`,
      { editionId, startupId },
    ),
  awardAlreadyWon: (editionId: string, startupId: string, award: string, category: string) =>
    refuse(
      'award-already-won',
      'conflict',
      `Start-up ${startupId} has already won ${award} in category "${category}" ` +
        `at edition ${editionId}.`,
      { editionId, startupId, award, category },
    ),
  partnerAlreadyJoined: (editionId: string, partnerId: string) =>
    refuse(
      'partner-already-joined',
      'conflict',
      `Partner ${partnerId} has already joined edition ${editionId}.`,
      { editionId, partnerId },
    ),
}
