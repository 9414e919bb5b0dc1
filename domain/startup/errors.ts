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
}
