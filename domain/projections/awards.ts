import { z } from 'zod'
import { awardLevel, occurredAt } from '../events/index.js'
import { byEdition, collections, projectionNames } from './collections.js'
import type { FeedEvent, Projection } from './projection.js'
import { own, yearOf } from './tally.js'

export const awardEntry = z.object({
  awardId: z.string(),
  startupId: z.string(),
  startupName: z.string(),
  award: awardLevel,
  category: z.string(),
  wonAt: z.string(),
})
export type AwardEntry = z.infer<typeof awardEntry>

/**
 * An edition's awards, one document per edition so that the programme's list is one
 * Query of `awards`. `award.won` names only the start-up's id: the applicants' names
 * (from their applications, earlier in the same stream) are kept to label it.
 */
export const editionAwardsDoc = z.object({
  editionId: z.string(),
  editionName: z.string(),
  year: z.number().int(),
  startupNames: z.record(z.string(), z.string()),
  awards: z.array(awardEntry),
})
export type EditionAwardsDoc = z.infer<typeof editionAwardsDoc>

/**
 * Folds an edition's events into its awards document.
 *
 * @example evolveAwards(doc, awardWon).awards.at(-1)?.startupName // 'Calanques Tech'
 */
export const evolveAwards = (
  doc: EditionAwardsDoc | undefined,
  event: FeedEvent,
): EditionAwardsDoc | undefined => {
  if (event.type === 'edition.opened') {
    const { editionId, name, startsOn } = event.data
    const base = doc ?? { editionId, startupNames: {}, awards: [] }
    return { ...base, editionName: name, year: yearOf(startsOn) }
  }
  if (doc === undefined) return undefined
  switch (event.type) {
    case 'application.submitted': {
      const { startupId, startupName } = event.data
      return { ...doc, startupNames: { ...doc.startupNames, [startupId]: startupName } }
    }
    case 'award.won': {
      const { awardId, startupId, award, category } = event.data
      if (doc.awards.some((known) => known.awardId === awardId)) return doc
      const startupName = own(doc.startupNames, startupId) ?? startupId
      const won = { awardId, startupId, startupName, award, category, wonAt: occurredAt(event) }
      return { ...doc, awards: [...doc.awards, won] }
    }
    default:
      return doc
  }
}

/** `awards/<editionId>`: `GET /reports/awards?edition=` (a get) or all of them (a Query). */
export const awardsProjection: Projection<EditionAwardsDoc> = {
  name: projectionNames.awards,
  eventTypes: ['edition.opened', 'application.submitted', 'award.won'],
  keysOf: byEdition(collections.awards),
  evolve: (doc, event) => evolveAwards(doc, event),
}
