/**
 * Guard and counter ids name what they guard, so a Guards item explains itself in the
 * console.
 *
 * @example editionApplicationGuardId('ces-2020', 's1') // 'edition-application#ces-2020#s1'
 */
export const idempotencyGuardId = (key: string) => `idempotency#${key}`
/** One application per start-up and edition; holds the application id and withdrawal token hash. */
export const editionApplicationGuardId = (editionId: string, startupId: string) =>
  `edition-application#${editionId}#${startupId}`
/** The seats of an edition's delegation taken (a counter). */
export const seatsCounterId = (editionId: string) => `seats#${editionId}`
/** The steps of an edition's life (a counter: see domain/edition lifecycleStep). */
export const editionLifecycleCounterId = (editionId: string) => `edition-lifecycle#${editionId}`
/** A held application (domain/application): its withdrawal token's hash until staff confirm it. */
export const heldApplicationGuardId = (applicationId: string) => `held-application#${applicationId}`

/**
 * A caller's count of requests in one window (limits per caller): `caller` is a key id or a
 * hash of an address, never an address. Expires with its window (TTL).
 */
export const rateLimitCounterId = (caller: string, windowStart: number) => `rate-limit#${caller}#${windowStart}`
