import { z } from 'zod'
import { occurredAt, partnerKind } from '../events/index.js'
import { collections, projectionNames } from './collections.js'
import type { DocKey, FeedEvent, Projection } from './projection.js'

export const partnerEdition = z.object({
  editionId: z.string(),
  contribution: z.string(),
  joinedAt: z.string(),
})

/** A partner of the programme and every edition it joined (`partners/<partnerId>`). */
export const partnerDoc = z.object({
  partnerId: z.string(),
  name: z.string(),
  kind: partnerKind,
  registeredAt: z.string().optional(),
  editions: z.array(partnerEdition),
})
export type PartnerDoc = z.infer<typeof partnerDoc>

/** A partner of one edition (`partners#<editionId>/<partnerId>`). */
export const editionPartnerDoc = partnerEdition.extend({
  partnerId: z.string(),
  name: z.string(),
  kind: partnerKind,
})
export type EditionPartnerDoc = z.infer<typeof editionPartnerDoc>
export type PartnersDoc = PartnerDoc | EditionPartnerDoc

/**
 * Folds partner events into the programme's document of a partner. The registration
 * (partner stream) and its first join (edition stream) are written together but may
 * reach the Feed in either order: the join's snapshot stands in until then.
 *
 * @example evolvePartner(undefined, joined)?.editions.length // 1
 */
export const evolvePartner = (
  doc: PartnerDoc | undefined,
  event: FeedEvent,
): PartnerDoc | undefined => {
  switch (event.type) {
    case 'partner.registered': {
      const { partnerId, name, kind } = event.data
      return { editions: [], ...doc, partnerId, name, kind, registeredAt: occurredAt(event) }
    }
    case 'partner.joined': {
      const { partnerId, editionId, name, kind, contribution } = event.data
      const base = doc ?? { partnerId, name, kind, editions: [] }
      if (base.editions.some((known) => known.editionId === editionId)) return base
      const joined = { editionId, contribution, joinedAt: occurredAt(event) }
      const editions = [...base.editions, joined]
      // Instants, not strings: `23:00+02:00` is before `22:00Z`.
      const byTime = (a: { joinedAt: string }, b: { joinedAt: string }) =>
        Date.parse(a.joinedAt) - Date.parse(b.joinedAt)
      return { ...base, editions: editions.sort(byTime) }
    }
    default:
      return doc
  }
}

const evolveEditionPartner = (
  doc: EditionPartnerDoc | undefined,
  event: FeedEvent,
): EditionPartnerDoc | undefined => {
  if (event.type !== 'partner.joined') return doc
  const { partnerId, editionId, name, kind, contribution } = event.data
  return { partnerId, editionId, name, kind, contribution, joinedAt: occurredAt(event) }
}

const keysOf = (event: FeedEvent): DocKey[] => {
  switch (event.type) {
    case 'partner.registered':
      return [{ collection: collections.partners, id: event.data.partnerId }]
    case 'partner.joined': {
      const { partnerId: id, editionId } = event.data
      return [
        { collection: collections.partners, id },
        { collection: collections.editionPartners(editionId), id },
      ]
    }
    default:
      return []
  }
}

const isPartnerDoc = (doc: PartnersDoc | undefined): doc is PartnerDoc =>
  doc !== undefined && 'editions' in doc

const isEditionPartnerDoc = (doc: PartnersDoc | undefined): doc is EditionPartnerDoc =>
  doc !== undefined && !('editions' in doc)

/** `partners/<partnerId>` (the programme) and `partners#<editionId>/<partnerId>`. */
export const partnersProjection: Projection<PartnersDoc> = {
  name: projectionNames.partners,
  eventTypes: ['partner.registered', 'partner.joined'],
  keysOf,
  evolve: (doc, event, key) =>
    key.collection === collections.partners
      ? evolvePartner(isPartnerDoc(doc) ? doc : undefined, event)
      : evolveEditionPartner(isEditionPartnerDoc(doc) ? doc : undefined, event),
}
