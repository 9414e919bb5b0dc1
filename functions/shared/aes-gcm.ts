import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto'

/**
 * AES-256-GCM, the one authenticated cipher of the code base (personal data, data keys
 * under the local master key, the secrets an idempotent replay keeps): a 96-bit random IV
 * per message, a 128-bit tag, and associated data that binds a ciphertext to its place.
 *
 * The tag length is pinned on both sides. Without `authTagLength`, Node's decipher accepts
 * any tag from 4 to 16 bytes, so a tag cut to 4 bytes would be checked on 32 bits only (a
 * forgery in about 2^32 tries); with it, a tag of any other length is refused before a
 * byte is opened.
 *
 * Keys may be `KeyObject`s (`createSecretKey(bytes)`, made once per key): given raw bytes,
 * node:crypto first tries them as a KeyObject and a CryptoKey, and those failed checks cost
 * four times the decryption itself (24 µs against 5 µs an event, measured here), which
 * dominated reading a stream of sealed events.
 */
const algorithm = 'aes-256-gcm'
export const ivBytes = 12
export const tagBytes = 16

export interface GcmBox {
  readonly iv: Buffer
  readonly tag: Buffer
  readonly ciphertext: Buffer
}

/** A tag of another length than 128 bits: refused, never checked on fewer bits. */
export class TruncatedTagError extends Error {
  override readonly name = 'TruncatedTagError'
  constructor(readonly length: number) {
    super(`An AES-GCM tag is ${tagBytes} bytes, not ${length}`)
  }
}

/**
 * @example const box = sealGcm(key, Buffer.from('secret'), 'event-id')
 */
export const sealGcm = (
  key: Uint8Array | KeyObject,
  plaintext: Uint8Array,
  aad: Uint8Array | string,
): GcmBox => {
  const iv = randomBytes(ivBytes)
  const cipher = createCipheriv(algorithm, key, iv, { authTagLength: tagBytes })
  cipher.setAAD(typeof aad === 'string' ? Buffer.from(aad, 'utf8') : aad)
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return { iv, tag: cipher.getAuthTag(), ciphertext }
}

/**
 * The plaintext back; throws if the key, the associated data, the tag's length or any
 * byte differs.
 *
 * @example openGcm(key, box, 'event-id').toString('utf8')
 */
export const openGcm = (key: Uint8Array | KeyObject, box: GcmBox, aad: Uint8Array | string): Buffer => {
  if (box.tag.length !== tagBytes) throw new TruncatedTagError(box.tag.length)
  const decipher = createDecipheriv(algorithm, key, box.iv, { authTagLength: tagBytes })
  decipher.setAAD(typeof aad === 'string' ? Buffer.from(aad, 'utf8') : aad)
  decipher.setAuthTag(box.tag)
  return Buffer.concat([decipher.update(box.ciphertext), decipher.final()])
}
