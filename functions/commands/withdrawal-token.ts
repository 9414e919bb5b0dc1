import { randomBytes } from 'node:crypto'
import { sha256 } from '../shared/secrets.js'

/**
 * The secret a start-up gets when it applies, to withdraw later without an account.
 * Only its hash is stored (in the edition's one-application guard item); check a
 * presented token with `matchesSha256`.
 *
 * @example const { token, hash } = newWithdrawalToken()
 */
export const newWithdrawalToken = () => {
  const token = randomBytes(24).toString('base64url')
  return { token, hash: sha256(token) }
}
