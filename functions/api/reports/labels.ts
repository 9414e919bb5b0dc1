import type { awardLevels } from '../../../domain/events/index.js'
import { territories } from '../../../domain/shared/territories.js'

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

/** Best of Innovation before honorees, as the CES lists them. */
export const awardRank = (level: AwardLevel): number => (level === 'best-of-innovation' ? 0 : 1)

/** The calendar day of an ISO date-time, as written where it happened (no time zone guessed). */
export const dayOf = (dateTime: string): string => dateTime.slice(0, 10)

/** French collation, so that "Énergie" sorts with the E's. */
export const byName = (a: string, b: string): number =>
  a.localeCompare(b, 'fr', { sensitivity: 'base' })
