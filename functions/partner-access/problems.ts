import type { ApiKeyScope } from '../../domain/partner-access/scopes.js'
import { ProblemError } from '../shared/http/problem.js'

/**
 * What partner access answers when it refuses, written once. An unknown, revoked or
 * expired API key is the API's `unauthenticated` (api/problems.ts), like a bad token.
 * Codes are public (`/problems/<code>`): never rename one.
 *
 * @example throw partnerAccessProblems.keyNotFound(keyId)
 */
export const partnerAccessProblems = {
  /** A valid key without the scope the route needs. */
  insufficientScope: (scope: ApiKeyScope) =>
    new ProblemError({
      status: 403,
      code: 'insufficient-scope',
      detail: `This needs a key with the scope ${scope}`,
      extensions: { scope },
    }),

  /** A key's expiry must lie ahead. */
  expiryInThePast: () =>
    new ProblemError({
      status: 422,
      code: 'expiry-in-the-past',
      detail: 'expiresAt must be in the future',
    }),

  /** A key a partner's user issues must stop working by itself, within `maxDays`. */
  expiryRequired: (maxDays: number) =>
    new ProblemError({
      status: 422,
      code: 'expiry-required',
      detail: `A key issued from the portal needs an expiresAt within ${maxDays} days`,
      extensions: { maxDays },
    }),

  /** An address the user pool already has: one account, one partner. */
  partnerUserExists: () =>
    new ProblemError({
      status: 409,
      code: 'partner-user-exists',
      detail: 'This address already has an account: one account belongs to one partner',
    }),

  /** Keys are issued to registered partners only. */
  partnerNotFound: (partnerId: string) =>
    new ProblemError({
      status: 404,
      code: 'partner-not-found',
      detail: `No partner ${partnerId} is registered`,
      extensions: { partnerId },
    }),

  keyNotFound: (keyId: string) =>
    new ProblemError({
      status: 404,
      code: 'key-not-found',
      detail: `The partner has no key ${keyId}`,
      extensions: { keyId },
    }),

  /** Only a live key can be rotated. */
  keyRevoked: (keyId: string) =>
    new ProblemError({
      status: 409,
      code: 'key-revoked',
      detail: `Key ${keyId} was already revoked or replaced`,
      extensions: { keyId },
    }),
}
