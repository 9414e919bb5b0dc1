import type { awardLevels } from '../../domain/events/index.js'
import { territories } from '../../domain/shared/territories.js'

/**
 * A territory's published name, for people reading a report.
 *
 * @example territoryName('toulon-provence-mediterranee') // 'Toulon Provence Méditerranée'
 */
export const territoryName = (slug: string): string =>
  territories.find((territory) => territory.slug === slug)?.name ?? slug

type AwardLevel = (typeof awardLevels)[number]

const awardNames: Record<AwardLevel, string> = {
  'best-of-innovation': 'Best of Innovation',
  honoree: 'Honoree',
}

/**
 * The CES Innovation Awards' own wording for a level.
 *
 * @example awardName('best-of-innovation') // 'Best of Innovation'
 */
export const awardName = (level: AwardLevel): string => awardNames[level]

/**
 * Best of Innovation before honorees, as the CES lists them.
 *
 * @example awards.sort((a, b) => awardRank(a.award) - awardRank(b.award))
 */
export const awardRank = (level: AwardLevel): number => (level === 'best-of-innovation' ? 0 : 1)

/**
 * The calendar day of an ISO date-time, as written where it happened (no zone guessed).
 *
 * @example dayOf('2019-01-07T18:00:00-08:00') // '2019-01-07'
 */
export const dayOf = (dateTime: string): string => dateTime.slice(0, 10)

/**
 * French collation, so that "Énergie" sorts with the E's.
 *
 * @example names.sort(byName)
 */
export const byName = (a: string, b: string): number =>
  a.localeCompare(b, 'fr', { sensitivity: 'base' })

/**
 * Earlier first, comparing instants: `23:00+02:00` is before `22:00Z`, unlike the strings.
 *
 * @example times.sort(byInstant)
 */
export const byInstant = (a: string, b: string): number => Date.parse(a) - Date.parse(b)
