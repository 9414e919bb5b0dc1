/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same history
 * on every machine, so the seed's idempotency keys and bodies never change.
 *
 * @example const random = prng(2017); random.pick(['a', 'b'])
 */
export const prng = (seed: number) => {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  /** An item chosen with probability proportional to its weight. */
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = next() * total
    for (const [item, weight] of items) {
      roll -= weight
      if (roll < 0) return item
    }
    return items.at(-1)![0]
  }
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      const swapped = copy[i]!
      copy[i] = copy[j]!
      copy[j] = swapped
    }
    return copy
  }
  return { next, int, pick, weighted, shuffle }
}

export type Random = ReturnType<typeof prng>

/** Luhn's check digit for `digits`, so that digits + check passes the checksum. */
const luhnCheck = (digits: string): string => {
  const sum = [...digits].reverse().reduce((total, char, index) => {
    const digit = Number(char)
    if (index % 2 === 1) return total + digit
    const doubled = digit * 2
    return total + (doubled > 9 ? doubled - 9 : doubled)
  }, 0)
  return String((10 - (sum % 10)) % 10)
}

/**
 * A SIRET as INSEE builds them: a SIREN of 8 digits and its Luhn key, then the head
 * office's establishment number (NIC `0001x`) whose key makes all 14 digits pass Luhn.
 *
 * @example siretFrom(12345678) // '12345678200018' or the like, isValidSiret → true
 */
export const siretFrom = (sirenBody: number): string => {
  const body = String(sirenBody).padStart(8, '0').slice(-8)
  const siren = body + luhnCheck(body)
  const nic = '0001'
  return siren + nic + luhnCheck(siren + nic)
}
