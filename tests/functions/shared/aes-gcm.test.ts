import { createSecretKey, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openSecrets, sealSecrets } from '../../../functions/commands/replay-secrets.js'
import { decrypt, encrypt } from '../../../functions/personal-data/cipher.js'
import { openGcm, sealGcm, TruncatedTagError } from '../../../functions/shared/aes-gcm.js'

/**
 * GCM checks as many bits of the tag as it is given: a decipher that takes a 4-byte tag
 * checks 32 bits, and a forger needs about 2^32 tries instead of 2^128. Every opening in
 * the code base goes through aes-gcm.ts, which takes 16 bytes and nothing else.
 */
describe('AES-256-GCM with 128-bit tags only', () => {
  const key = randomBytes(32)

  it('opens what it sealed, bound to its associated data', () => {
    const box = sealGcm(key, Buffer.from('Inès Martin'), 'event-1')
    expect(box.tag).toHaveLength(16)
    expect(box.iv).toHaveLength(12)
    expect(openGcm(key, box, 'event-1').toString()).toBe('Inès Martin')
    expect(() => openGcm(key, box, 'event-2')).toThrow()
  })

  it('refuses a tag cut short, however short, though its bytes are the true tag’s first ones', () => {
    const box = sealGcm(key, Buffer.from('Inès Martin'), 'event-1')
    for (const length of [4, 8, 12, 15]) {
      expect(() => openGcm(key, { ...box, tag: box.tag.subarray(0, length) }, 'event-1')).toThrow(
        TruncatedTagError,
      )
    }
  })

  it('refuses a truncated tag in personal data (cipher.ts) and in an idempotent replay’s secrets', () => {
    const sealed = encrypt(createSecretKey(key), Buffer.from('{"contact":{}}'), 'event-1')
    const cut = Buffer.from(sealed.tag, 'base64').subarray(0, 4).toString('base64')
    expect(decrypt(createSecretKey(key), sealed, 'event-1').toString()).toBe('{"contact":{}}')
    expect(() => decrypt(createSecretKey(key), { ...sealed, tag: cut }, 'event-1')).toThrow(TruncatedTagError)

    const clientKey = '7d0c2f9e-0b5c-4f3e-9a51-6f1d2f7c8e90'
    const secrets = sealSecrets(clientKey, 'record-1', { withdrawalToken: 'wdt_secret' })
    if (!secrets) throw new Error('a UUID key seals')
    expect(openSecrets(clientKey, 'record-1', secrets)).toEqual({ withdrawalToken: 'wdt_secret' })
    const shortTag = Buffer.from(secrets.tag, 'base64url').subarray(0, 4).toString('base64url')
    expect(openSecrets(clientKey, 'record-1', { ...secrets, tag: shortTag })).toBeUndefined()
  })
})
