import { randomBytes } from 'node:crypto'
import type { RandomBytes } from '../shared/secrets.js'

const apiKeyPrefix = 'dsk_'
const apiKeyPattern = /^dsk_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/

/**
 * A new partner API key, `dsk_<keyId>_<secret>`: the key id (12 random bytes, hex) says
 * which stored hash to compare with; the secret is 32 random bytes, base64url.
 *
 * @example const { keyId, apiKey } = generateApiKey()
 */
export const generateApiKey = (random: RandomBytes = randomBytes) => {
  const keyId = Buffer.from(random(12)).toString('hex')
  const secret = Buffer.from(random(32)).toString('base64url')
  return { keyId, apiKey: `${apiKeyPrefix}${keyId}_${secret}` }
}

/** The key id of a well-formed key, or undefined. */
export const keyIdOf = (apiKey: string): string | undefined => apiKeyPattern.exec(apiKey)?.[1]
