/**
 * Guard ids name what they guard, so a Guards item explains itself in the console.
 *
 * @example siretGuardId('12345678901234') // 'siret#12345678901234'
 */
export const idempotencyGuardId = (key: string) => `idempotency#${key}`
export const siretGuardId = (siret: string) => `siret#${siret}`
export const applicationGuardId = (applicationId: string) => `application#${applicationId}`
