import { describe, expect, it } from 'vitest'
import {
  countryCode,
  countryCodes,
  frenchCountryCodes,
  isCountryCode,
} from '../../../domain/shared/countries.js'

describe('country codes', () => {
  it('are the 249 officially assigned ISO 3166-1 alpha-2 codes, each once', () => {
    expect(countryCodes).toHaveLength(249)
    expect(new Set(countryCodes).size).toBe(249)
    for (const code of countryCodes) expect(code).toMatch(/^[A-Z]{2}$/)
  })

  it('know the assigned codes only: GB, not UK; nothing in lower case', () => {
    expect(isCountryCode('GB')).toBe(true)
    expect(isCountryCode('UK')).toBe(false)
    expect(isCountryCode('us')).toBe(false)
    expect(countryCode.safeParse('XK').success).toBe(false)
    expect(countryCode.parse('JP')).toBe('JP')
  })

  it('name France and its overseas codes, all assigned', () => {
    expect(frenchCountryCodes).toContain('FR')
    for (const code of frenchCountryCodes) expect(isCountryCode(code)).toBe(true)
  })
})
