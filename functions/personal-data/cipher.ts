import type { KeyObject } from 'node:crypto'
import { openGcm, sealGcm } from '../shared/aes-gcm.js'

/**
 * Personal data's cipher: AES-256-GCM (functions/shared/aes-gcm.ts: 96-bit random IV, a
 * 128-bit tag and nothing shorter), its parts in base64, with associated data that binds a
 * ciphertext to its place (an event id, a key's subject), so one cannot be moved onto
 * another and still open. Keys are `KeyObject`s, made once per key (aes-gcm.ts says why).
 */

export interface Ciphertext {
  readonly iv: string
  readonly tag: string
  readonly ciphertext: string
}

/**
 * @example const box = encrypt(createSecretKey(bytes), Buffer.from('{"contact":…}'), 'event-id')
 */
export const encrypt = (key: KeyObject, plaintext: Uint8Array, aad: string): Ciphertext => {
  const { iv, tag, ciphertext } = sealGcm(key, plaintext, aad)
  return { iv: iv.toString('base64'), tag: tag.toString('base64'), ciphertext: ciphertext.toString('base64') }
}

/**
 * The plaintext back; throws if the key, the associated data, the tag's length or any byte
 * differs.
 *
 * @example decrypt(key, box, 'event-id').toString('utf8')
 */
export const decrypt = (key: KeyObject, box: Ciphertext, aad: string): Buffer => {
  const bytes = (text: string) => Buffer.from(text, 'base64')
  return openGcm(key, { iv: bytes(box.iv), tag: bytes(box.tag), ciphertext: bytes(box.ciphertext) }, aad)
}

/** One string for a stored key: iv.tag.ciphertext. */
export const packCiphertext = ({ iv, tag, ciphertext }: Ciphertext): string => `${iv}.${tag}.${ciphertext}`

export const unpackCiphertext = (packed: string): Ciphertext => {
  const [iv = '', tag = '', ciphertext = ''] = packed.split('.')
  return { iv, tag, ciphertext }
}
