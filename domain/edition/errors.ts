import { type RuleKind, RuleViolationError } from '../shared/errors.js'

type Details = Record<string, unknown>

const refuse = (code: string, kind: RuleKind, message: string, details: Details) =>
  new RuleViolationError(code, message, kind, details)

/**
 * The edition's refusals, written once. Codes are public (problem+json type URIs).
 *
 * @example throw editionErrors.closed('ces-2020')
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
