import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * The secret a start-up gets when it applies, to withdraw later without an account.
 * Only its hash is stored (in the application's guard item).
 *
 * @example const { token, hash } = newWithdrawalToken()
 */
export const newWithdrawalToken = () => {
  const token = randomBytes(24).toString('base64url')
  return { token, hash: hashToken(token) }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url')

/** Constant-time comparison, so response times leak nothing about the hash. */
export const tokenMatches = (token: string, hash: string) => {
  const a = Buffer.from(hashToken(token))
  const b = Buffer.from(hash)
  return a.length === b.length && timingSafeEqual(a, b)
}
