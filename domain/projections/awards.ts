import { z } from 'zod'
import { awardLevel, occurredAt } from '../events/index.js'
import { byEdition, collections, projectionNames } from './collections.js'
import { own, put } from './draft-ops.js'
import type { Draft, FeedEvent, Projection } from './projection.js'
import { yearOf } from './tally.js'

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
 * (from their applications) are kept to label it.
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
 * The document as the projector keeps it. Applications come from their own streams, so a
 * name may reach the Feed before `edition.opened` (the document is then hidden until it
 * comes) or after the award it labels: `unnamed` lists the start-ups whose awards still
 * show their id, to name them when their application comes (then it goes away).
 */
export type EditionAwardsDraft = Omit<EditionAwardsDoc, 'editionName' | 'year'> &
  Partial<Pick<EditionAwardsDoc, 'editionName' | 'year'>> & { unnamed?: Record<string, true> }

const isOpened = (doc: EditionAwardsDraft): doc is EditionAwardsDoc =>
  doc.editionName !== undefined

const blank = (editionId: string): EditionAwardsDraft =>
  ({ editionId, startupNames: {}, awards: [] })

/** Names the awards that were waiting for this start-up's name: once per start-up. */
const nameAwards = (doc: EditionAwardsDraft, startupId: string, startupName: string) => {
  if (doc.unnamed === undefined || !own(doc.unnamed, startupId)) return
  for (const entry of doc.awards) if (entry.startupId === startupId) entry.startupName = startupName
  delete doc.unnamed[startupId]
  if (Object.keys(doc.unnamed).length === 0) delete doc.unnamed
}

/**
 * Folds an edition's events, and its applicants' names, into its awards document, in
 * place: O(1) per event, whatever the order between streams.
 *
 * @example evolveAwards(doc, awardWon)?.awards.at(-1)?.startupName // 'Calanques Tech'
 */
export const evolveAwards = (
  draft: Draft<EditionAwardsDraft> | undefined,
  event: FeedEvent,
): EditionAwardsDraft | undefined => {
  switch (event.type) {
    case 'edition.opened': {
      const { editionId, name, startsOn } = event.data
      const doc = draft ?? blank(editionId)
      return Object.assign(doc, { editionName: name, year: yearOf(startsOn) })
    }
    case 'application.submitted': {
      const { editionId, startupId, startupName } = event.data
      const doc = draft ?? blank(editionId)
      put(doc.startupNames, startupId, startupName)
      nameAwards(doc, startupId, startupName)
      return doc
    }
    case 'award.won': {
      const { awardId, editionId, startupId, award, category } = event.data
      const doc = draft ?? blank(editionId)
      const known = own(doc.startupNames, startupId)
      if (known === undefined) put((doc.unnamed ??= {}), startupId, true)
      const startupName = known ?? startupId
      const wonAt = occurredAt(event)
      doc.awards.push({ awardId, startupId, startupName, award, category, wonAt })
      return doc
    }
    default:
      return draft
  }
}

/** `awards/<editionId>`: `GET /reports/awards?edition=` (a get) or all of them (a Query). */
export const awardsProjection: Projection<EditionAwardsDraft> = {
  name: projectionNames.awards,
  eventTypes: ['edition.opened', 'application.submitted', 'award.won'],
  keysOf: byEdition(collections.awards),
  evolve: (draft, event) => evolveAwards(draft, event),
  isPublic: isOpened,
}
