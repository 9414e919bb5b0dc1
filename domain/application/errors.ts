import { RuleViolationError, type RuleKind } from '../shared/errors.js'
import type { ApplicationStatus } from './state.js'

const refuse = (code: string, kind: RuleKind, message: string, details: Record<string, unknown>) =>
  new RuleViolationError(code, message, kind, details)

/**
 * The application's refusals, written once. Codes are public (problem+json type URIs).
 *
 * @example throw applicationErrors.alreadyApplied('ces-2020', 's1', 'app-1')
 */
export const applicationErrors = {
  deadlinePassed: (editionId: string, applicationDeadline: string, now: string) =>
    refuse(
      'application-deadline-passed',
      'invalid',
      `The application deadline of edition ${editionId} (${applicationDeadline}) has passed.`,
      { editionId, applicationDeadline, now },
    ),
  consentRequired: () =>
    refuse(
      'consent-version-required',
      'invalid',
      'An application must say which consent wording was agreed to: send consentVersion ' +
        '(the version the form shows).',
      {},
    ),
  unknownConsentVersion: (version: string) =>
    refuse(
      'unknown-consent-version',
      'invalid',
      `Consent wording version ${version} was never published.`,
      { consentVersion: version },
    ),
  alreadyApplied: (editionId: string, startupId: string, applicationId: string) =>
    refuse(
      'already-applied',
      'conflict',
      `Start-up ${startupId} has already applied to edition ${editionId} ` +
        `(application ${applicationId}).`,
      { editionId, startupId, applicationId },
    ),
  alreadySubmitted: (applicationId: string) =>
    refuse('application-already-submitted', 'conflict', `Application ${applicationId} already exists.`, {
      applicationId,
    }),
  notFound: (applicationId: string) =>
    refuse('application-not-found', 'not-found', `Application ${applicationId} does not exist.`, {
      applicationId,
    }),
  alreadyDecided: (editionId: string, applicationId: string, status: ApplicationStatus) =>
    refuse(
      'application-already-decided',
      'conflict',
      `Application ${applicationId} to edition ${editionId} is already ${status}.`,
      { editionId, applicationId, applicationStatus: status },
    ),
  full: (editionId: string, capacity: number) =>
    refuse(
      'edition-full',
      'conflict',
      `Edition ${editionId} is full: its ${capacity} seats are taken.`,
      { editionId, capacity },
    ),
  awaitingConfirmation: (editionId: string, applicationId: string) =>
    refuse(
      'application-awaiting-confirmation',
      'conflict',
      `Application ${applicationId} to edition ${editionId} is held until staff confirm it ` +
        'is the start-up’s: confirm it before deciding on it.',
      { editionId, applicationId },
    ),
  notHeld: (editionId: string, applicationId: string, status: ApplicationStatus) =>
    refuse(
      'application-not-held',
      'conflict',
      `Application ${applicationId} to edition ${editionId} is ${status}: only a held ` +
        'application is confirmed or dismissed (or dismissed, one whose contact a recovery of ' +
        'its start-up disowned).',
      { editionId, applicationId, applicationStatus: status },
    ),
  isMember: (editionId: string, applicationId: string) =>
    refuse(
      'application-is-member',
      'conflict',
      `Application ${applicationId} to edition ${editionId} is selected: withdraw it first ` +
        '(partners are told a member left), then dismiss it.',
      { editionId, applicationId },
    ),
  notWithdrawable: (editionId: string, applicationId: string, status: ApplicationStatus) =>
    refuse(
      'application-not-withdrawable',
      'conflict',
      `Application ${applicationId} to edition ${editionId} is ${status} and cannot be withdrawn.`,
      { editionId, applicationId, applicationStatus: status },
    ),
}
