import { hkdfSync } from 'node:crypto'
import { z } from 'zod'
import { openGcm, sealGcm } from '../shared/aes-gcm.js'

/**
 * Secrets of a first answer (a withdrawal token) kept for its replay without being
 * stored in clear: sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the
 * `Idempotency-Key` the caller sends, which is never stored itself (the record is
 * named by a hash of it, see idempotency.ts). So only a retry that carries the key can
 * read them; whoever reads the table cannot, short of guessing the key. A key shorter
 * than `minSealingKeyLength` is taken as guessable (`retry-1`): its replay leaves the
 * secrets out rather than keep them behind it. The form's keys are UUIDs (36 characters).
 * The cipher is the code base's one AES-GCM (functions/shared/aes-gcm.ts: 128-bit tags only).
 */
export const minSealingKeyLength = 22

const sealedSchema = z.object({ iv: z.string(), tag: z.string(), data: z.string() })
export type Sealed = z.infer<typeof sealedSchema>

const info = 'delegation-sud/idempotent-replay/v1'

const keyFor = (clientKey: string, recordKey: string) =>
  Buffer.from(hkdfSync('sha256', clientKey, recordKey, info, 32))

/**
 * Seals secrets for the replay of one idempotency record; undefined for a guessable key.
 *
 * @example const sealed = sealSecrets(clientKey, recordKey, { withdrawalToken })
 */
export const sealSecrets = (
  clientKey: string,
  recordKey: string,
  secrets: Record<string, unknown>,
): Sealed | undefined => {
  if (clientKey.length < minSealingKeyLength) return undefined
  // Bound to its record: a sealed value copied under another record does not open.
  const box = sealGcm(keyFor(clientKey, recordKey), Buffer.from(JSON.stringify(secrets), 'utf8'), recordKey)
  return {
    iv: box.iv.toString('base64url'),
    tag: box.tag.toString('base64url'),
    data: box.ciphertext.toString('base64url'),
  }
}

/**
 * The secrets back, with the key of the retry; undefined if anything does not match.
 *
 * @example const secrets = openSecrets(clientKey, recordKey, stored.sealed) ?? {}
 */
export const openSecrets = (
  clientKey: string,
  recordKey: string,
  stored: unknown,
): Record<string, unknown> | undefined => {
  const sealed = sealedSchema.safeParse(stored)
  if (!sealed.success) return undefined
  try {
    const { iv, tag, data } = sealed.data
    const bytes = (text: string) => Buffer.from(text, 'base64url')
    const box = { iv: bytes(iv), tag: bytes(tag), ciphertext: bytes(data) }
    const text = openGcm(keyFor(clientKey, recordKey), box, recordKey).toString('utf8')
    return z.record(z.string(), z.unknown()).parse(JSON.parse(text))
  } catch {
    return undefined
  }
}
