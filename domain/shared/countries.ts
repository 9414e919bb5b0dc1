import { z } from 'zod'

/**
 * The officially assigned ISO 3166-1 alpha-2 country codes (249), one letter group a line:
 * the countries Team Sud Export prospects in. Codes, not names: every reader names them in
 * its own language (`Intl.DisplayNames` in the browser and in Node), and a name that
 * changes (Swaziland, Eswatini) never changes the data. ISO adds a code now and then: add
 * it here (a compatible change); a withdrawn code stays, history holds it.
 */
const assigned = [
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ',
  'BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ',
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ',
  'DE DJ DK DM DO DZ',
  'EC EE EG EH ER ES ET',
  'FI FJ FK FM FO FR',
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY',
  'HK HM HN HR HT HU',
  'ID IE IL IM IN IO IQ IR IS IT',
  'JE JM JO JP',
  'KE KG KH KI KM KN KP KR KW KY KZ',
  'LA LB LC LI LK LR LS LT LU LV LY',
  'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ',
  'NA NC NE NF NG NI NL NO NP NR NU NZ',
  'OM',
  'PA PE PF PG PH PK PL PM PN PR PS PT PW PY',
  'QA',
  'RE RO RS RU RW',
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ',
  'TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ',
  'UA UG UM US UY UZ',
  'VA VC VE VG VI VN VU',
  'WF WS',
  'YE YT',
  'ZA ZM ZW',
]
  .join(' ')
  .split(' ')

export const countryCodes = Object.freeze(assigned) as readonly [string, ...string[]]

const known = new Set(countryCodes)

/**
 * Whether a string is an assigned ISO 3166-1 alpha-2 code (upper case).
 *
 * @example isCountryCode('US') // true
 * @example isCountryCode('UK') // false: the United Kingdom is GB
 */
export const isCountryCode = (code: string): boolean => known.has(code)

/**
 * France and its overseas departments and collectivities, which have codes of their own:
 * companies there are not foreign, so Team Sud Export does not prospect them.
 */
export const frenchCountryCodes: readonly string[] = Object.freeze(
  'FR GP MQ GF RE YT PM BL MF WF PF NC TF'.split(' '),
)

/**
 * Zod schema for an assigned country code, for commands and request bodies (events take any
 * two capital letters, as they take any slug for a territory: what was stored stays readable).
 *
 * @example countryCode.parse('JP')
 */
export const countryCode = z.enum(countryCodes)
