/** SIRETs of La Poste's establishments start with its SIREN and use their own checksum. */
const laPosteSiren = '356000000'

const digitSum = (digits: string): number =>
  [...digits].reduce((sum, digit) => sum + Number(digit), 0)

/** Luhn: double every second digit from the right, fold doubles above 9, sum % 10 === 0. */
const luhnSum = (digits: string): number =>
  [...digits].reverse().reduce((sum, char, index) => {
    const digit = Number(char)
    if (index % 2 === 0) return sum + digit
    const doubled = digit * 2
    return sum + (doubled > 9 ? doubled - 9 : doubled)
  }, 0)

/**
 * Whether a string is a well-formed SIRET: 14 digits passing the Luhn checksum, or,
 * for La Poste (SIREN 356000000), whose digit sum is a multiple of 5.
 *
 * @example isValidSiret('73282932000074') // true
 */
export const isValidSiret = (siret: string): boolean => {
  if (!/^\d{14}$/.test(siret)) return false
  if (luhnSum(siret) % 10 === 0) return true
  // INSEE's exception: La Poste has more establishments than Luhn keys allow.
  return siret.startsWith(laPosteSiren) && digitSum(siret) % 5 === 0
}
