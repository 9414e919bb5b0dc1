import { z } from 'zod'
import { occurredAt, partnerKind } from '../events/index.js'
import { collections, projectionNames } from './collections.js'
import { byInstantThenId, insertSorted } from './draft-ops.js'
import type { DocKey, Draft, FeedEvent, Projection } from './projection.js'

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

type PartnerEdition = z.infer<typeof partnerEdition>

const byJoin = byInstantThenId<PartnerEdition>((e) => e.joinedAt, (e) => e.editionId)

/**
 * Folds partner events into the programme's document of a partner, in place: O(1) per
 * event when joins come in time order. The registration (partner stream) and its joins
 * (editions' streams) may reach the Feed in any order: until the registration comes, the
 * earliest join's snapshot stands in (the same whatever the order), and the editions
 * are kept sorted by when they were joined, then by id.
 *
 * @example evolvePartner(undefined, joined)?.editions.length // 1
 */
export const evolvePartner = (
  draft: Draft<PartnerDoc> | undefined,
  event: FeedEvent,
): PartnerDoc | undefined => {
  switch (event.type) {
    case 'partner.registered': {
      const { partnerId, name, kind } = event.data
      const doc = draft ?? { partnerId, name, kind, editions: [] }
      return Object.assign(doc, { name, kind, registeredAt: occurredAt(event) })
    }
    case 'partner.joined': {
      const { partnerId, editionId, name, kind, contribution } = event.data
      const doc = draft ?? { partnerId, name, kind, editions: [] }
      const joined = { editionId, contribution, joinedAt: occurredAt(event) }
      const at = insertSorted(doc.editions, joined, byJoin)
      if (at === 0 && doc.registeredAt === undefined) Object.assign(doc, { name, kind })
      return doc
    }
    default:
      return draft
  }
}

const evolveEditionPartner = (
  draft: Draft<EditionPartnerDoc> | undefined,
  event: FeedEvent,
): EditionPartnerDoc | undefined => {
  if (event.type !== 'partner.joined') return draft
  const { partnerId, editionId, name, kind, contribution } = event.data
  const joined = { partnerId, editionId, name, kind, contribution, joinedAt: occurredAt(event) }
  return Object.assign(draft ?? {}, joined)
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
  evolve: (draft, event, key) =>
    key.collection === collections.partners
      ? evolvePartner(isPartnerDoc(draft) ? draft : undefined, event)
      : evolveEditionPartner(isEditionPartnerDoc(draft) ? draft : undefined, event),
}
