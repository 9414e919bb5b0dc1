import { describe, expect, it } from 'vitest'
import { isValidSiret } from '../../../domain/shared/siret.js'

describe('isValidSiret', () => {
  it.each(['73282932000074', '44306184100047', '55208131766522'])('accepts %s (Luhn)', (siret) => {
    expect(isValidSiret(siret)).toBe(true)
  })

  it.each(['73282932000075', '44306184100048', '55208131766523'])(
    'refuses %s (bad checksum)',
    (siret) => {
      expect(isValidSiret(siret)).toBe(false)
    },
  )

  it.each(['7328293200007', '732829320000740', '7328293200007A', ' 73282932000074', ''])(
    'refuses %j (not 14 digits)',
    (siret) => {
      expect(isValidSiret(siret)).toBe(false)
    },
  )

  describe('La Poste (SIREN 356000000)', () => {
    it('accepts a SIRET that passes Luhn (head office)', () => {
      expect(isValidSiret('35600000000048')).toBe(true)
    })

    it('accepts a SIRET that fails Luhn when its digit sum is a multiple of 5', () => {
      // 3+5+6+5+2+1+3+5 = 30; Luhn gives 38.
      expect(isValidSiret('35600000052135')).toBe(true)
      expect(isValidSiret('35600000049837')).toBe(true)
    })

    it('refuses a SIRET that fails both', () => {
      expect(isValidSiret('35600000052136')).toBe(false)
    })

    it('does not extend the exception to other companies', () => {
      // Digit sum 45 (a multiple of 5), Luhn fails.
      expect(isValidSiret('12345678901234')).toBe(false)
    })
  })
})
