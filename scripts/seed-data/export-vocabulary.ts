/**
 * What Team Sud Export's invented history is made of: the countries it prospects in
 * (ISO 3166-1 codes, weighted: the United States first, CES and its follow-ups), the sectors
 * of the Région's strategic priorities (its "opérations d'intérêt régional") and how much it
 * did each year. Figures are invented to match the interview: more than 5,000 foreign
 * companies prospected and more than 500 regional companies supported by the time of CES 2020.
 */

export const prospectedCountries: readonly (readonly [string, number])[] = [
  ['US', 30], ['CN', 9], ['JP', 8], ['DE', 8], ['GB', 7], ['CA', 6], ['IT', 6], ['ES', 5],
  ['CH', 5], ['BE', 4], ['NL', 4], ['KR', 4], ['SG', 3], ['AE', 3], ['IL', 3], ['IN', 3],
  ['MA', 3], ['TN', 2], ['SE', 2], ['BR', 2],
]

export const exportSectors: readonly (readonly [string, number])[] = [
  ['smart-tech', 10], ['health', 7], ['aerospace', 6], ['maritime', 5], ['energy', 6],
  ['agrifood', 4], ['tourism', 3], ['industry-of-the-future', 5], ['creative-industries', 2],
]

/**
 * Companies prospected and supported per calendar year, and how each year's activity falls
 * over its quarters (Team Sud Export began in the summer of 2017; CES weighs on the first
 * quarter; 2020's spring and summer are the lockdowns).
 */
export const exportYears: readonly {
  readonly year: number
  readonly prospected: number
  readonly supported: number
  readonly quarters: readonly [number, number, number, number]
}[] = [
  { year: 2017, prospected: 820, supported: 64, quarters: [0, 0, 2, 3] },
  { year: 2018, prospected: 1_790, supported: 176, quarters: [4, 3, 2, 3] },
  { year: 2019, prospected: 2_660, supported: 288, quarters: [5, 3, 2, 3] },
  { year: 2020, prospected: 1_240, supported: 152, quarters: [6, 1, 1, 3] },
]
