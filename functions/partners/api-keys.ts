import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** Bytes of randomness, injected so tests can pin them. */
export type RandomBytes = (size: number) => Uint8Array

export const apiKeyPrefix = 'dsk_'

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

/**
 * What is stored instead of the key: SHA-256 is enough for 256 random bits (no
 * dictionary to try), and cheap enough to check on every request.
 *
 * @example hashApiKey('dsk_…') // 'base64url digest'
 */
export const hashApiKey = (apiKey: string): string =>
  createHash('sha256').update(apiKey).digest('base64url')

/** Compares a presented key with a stored hash in constant time. */
export const matchesHash = (apiKey: string, hash: string): boolean => {
  const presented = Buffer.from(hashApiKey(apiKey))
  const stored = Buffer.from(hash)
  return presented.length === stored.length && timingSafeEqual(presented, stored)
}
