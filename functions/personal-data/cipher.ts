import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto'

/**
 * AES-256-GCM from node:crypto, the one cipher of personal data: a 96-bit random IV per
 * message, a 128-bit tag, and associated data that binds a ciphertext to its place (an
 * event id, a key's subject), so one cannot be moved onto another and still open.
 *
 * Keys are `KeyObject`s (`createSecretKey(bytes)`, made once per key): given raw bytes,
 * node:crypto first tries them as a KeyObject and a CryptoKey, and those failed checks
 * cost four times the decryption itself (24 µs against 5 µs an event, measured here),
 * which dominated reading a stream of sealed events.
 */
const algorithm = 'aes-256-gcm'

export interface Ciphertext {
  readonly iv: string
  readonly tag: string
  readonly ciphertext: string
}

/**
 * @example const box = encrypt(createSecretKey(bytes), Buffer.from('{"contact":…}'), 'event-id')
 */
export const encrypt = (key: KeyObject, plaintext: Uint8Array, aad: string): Ciphertext => {
  const iv = randomBytes(12)
  const cipher = createCipheriv(algorithm, key, iv)
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  }
}

/**
 * The plaintext back; throws if the key, the associated data or any byte differs.
 *
 * @example decrypt(key, box, 'event-id').toString('utf8')
 */
export const decrypt = (key: KeyObject, box: Ciphertext, aad: string): Buffer => {
  const decipher = createDecipheriv(algorithm, key, Buffer.from(box.iv, 'base64'))
  decipher.setAAD(Buffer.from(aad, 'utf8'))
  decipher.setAuthTag(Buffer.from(box.tag, 'base64'))
  const plaintext = decipher.update(Buffer.from(box.ciphertext, 'base64'))
  // Checks the tag (throws on any difference); GCM has no bytes left over to return.
  decipher.final()
  return plaintext
}

/** One string for a stored key: iv.tag.ciphertext. */
export const packCiphertext = ({ iv, tag, ciphertext }: Ciphertext): string => `${iv}.${tag}.${ciphertext}`

export const unpackCiphertext = (packed: string): Ciphertext => {
  const [iv = '', tag = '', ciphertext = ''] = packed.split('.')
  return { iv, tag, ciphertext }
}
