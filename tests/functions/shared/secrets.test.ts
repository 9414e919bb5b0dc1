import { describe, expect, it } from 'vitest'
import { matchesSha256, sha256 } from '../../../functions/shared/secrets.js'

describe('SHA-256 of secrets', () => {
  it('is the base64url SHA-256 digest, as published (FIPS 180-2 test vector for "abc")', () => {
    expect(Buffer.from(sha256('abc'), 'base64url').toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
    expect(sha256('abc')).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('matches the secret it was made from, and nothing else', () => {
    const stored = sha256('dsk_secret')
    expect(matchesSha256('dsk_secret', stored)).toBe(true)
    expect(matchesSha256('dsk_secreT', stored)).toBe(false)
    expect(matchesSha256('dsk_secret', stored.slice(0, -1))).toBe(false)
    expect(matchesSha256('dsk_secret', '')).toBe(false)
  })
})
