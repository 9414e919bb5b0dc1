import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { matchesSha256, sha256 } from '../../../functions/shared/secrets.js'

describe('SHA-256 of secrets', () => {
  it('is the base64url SHA-256 digest', () => {
    expect(sha256('abc')).toBe(createHash('sha256').update('abc').digest('base64url'))
    expect(sha256('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0')
  })

  it('matches the secret it was made from, and nothing else', () => {
    const stored = sha256('dsk_secret')
    expect(matchesSha256('dsk_secret', stored)).toBe(true)
    expect(matchesSha256('dsk_secreT', stored)).toBe(false)
    expect(matchesSha256('dsk_secret', stored.slice(0, -1))).toBe(false)
    expect(matchesSha256('dsk_secret', '')).toBe(false)
  })
})
