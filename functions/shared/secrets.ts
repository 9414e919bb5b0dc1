import { createHash, timingSafeEqual } from 'node:crypto'

/** Bytes of randomness (`crypto.randomBytes`), injected so tests can pin them. */
export type RandomBytes = (size: number) => Uint8Array

/**
 * SHA-256 of a text, base64url: what is stored in place of a secret the caller keeps (an
 * API key, a withdrawal token), and a stable short id derived from several values. Enough
 * for secrets of 128 random bits or more: there is no dictionary to try.
 *
 * @example sha256('dsk_…') // 43 characters of base64url
 */
export const sha256 = (text: string): string =>
  createHash('sha256').update(text).digest('base64url')

/**
 * Whether a presented secret hashes to a stored hash, compared in constant time so the
 * response time says nothing about how much of it matched.
 *
 * @example matchesSha256(presentedKey, item.hash)
 */
export const matchesSha256 = (secret: string, hash: string): boolean => {
  const presented = Buffer.from(sha256(secret))
  const stored = Buffer.from(hash)
  return presented.length === stored.length && timingSafeEqual(presented, stored)
}
