import { RuleViolationError, type RuleKind } from '../shared/errors.js'

const refuse = (code: string, kind: RuleKind, message: string, details: Record<string, unknown>) =>
  new RuleViolationError(code, message, kind, details)

/**
 * The outcomes' refusals, written once. Codes are public (problem+json type URIs). A report
 * from a start-up that is not a member is `not-a-delegation-member`, the edition's own
 * refusal (domain/edition/errors.ts): the same rule as for awards.
 *
 * @example throw outcomesErrors.beforeShow('ces-2020', '2020-01-07', now)
 */
export const outcomesErrors = {
  beforeShow: (editionId: string, startsOn: string, now: string) =>
    refuse(
      'outcomes-before-show',
      'conflict',
      `The show of edition ${editionId} starts on ${startsOn}: outcomes are reported from then on.`,
      { editionId, startsOn, now },
    ),
  invalidFigure: (field: string, value: unknown) =>
    refuse(
      'invalid-outcome-figure',
      'invalid',
      `${field} must be a whole number, zero or more (got ${String(value)}).`,
      { field, value },
    ),
  dealsValueBandMismatch: (dealsSigned: number, dealsValueBand: string | null) =>
    refuse(
      'deals-value-band-mismatch',
      'invalid',
      dealsSigned > 0
        ? `${dealsSigned} deals signed need the order of magnitude of their value (dealsValueBand).`
        : 'No deal signed has no value: dealsValueBand must be null when dealsSigned is 0.',
      { dealsSigned, dealsValueBand },
    ),
}
