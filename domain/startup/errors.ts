import { RuleViolationError } from '../shared/errors.js'

/**
 * The start-up's refusals, written once. Codes are public (problem+json type URIs).
 *
 * @example throw startupErrors.invalidSiret('12345678901234')
 */
export const startupErrors = {
  alreadyRegistered: (startupId: string) =>
    new RuleViolationError(
      'startup-already-registered',
      `Start-up ${startupId} is already registered.`,
      'conflict',
      { startupId },
    ),
  notFound: (startupId: string) =>
    new RuleViolationError(
      'startup-not-found',
      `Start-up ${startupId} does not exist.`,
      'not-found',
      { startupId },
    ),
  invalidSiret: (siret: string) =>
    new RuleViolationError(
      'invalid-siret',
      `SIRET ${siret} is not valid: its checksum does not match.`,
      'invalid',
      { siret },
    ),
  correctionChangesNothing: (startupId: string) =>
    new RuleViolationError(
      'startup-correction-changes-nothing',
      `The correction of start-up ${startupId} changes nothing: every field given is as recorded.`,
      'invalid',
      { startupId },
    ),
  recoveryKeepsContact: (startupId: string) =>
    new RuleViolationError(
      'startup-recovery-keeps-contact',
      `Start-up ${startupId} is registered with that contact person already: a recovery ` +
        'replaces the contact of whoever registered it first (to change the profile only, correct it).',
      'invalid',
      { startupId },
    ),
}
