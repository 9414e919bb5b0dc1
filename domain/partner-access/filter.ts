import { z } from 'zod'
import { eventTypeNames, slug, type EventType } from '../events/index.js'
import { isSharedWithPartners } from './partner-view.js'

/**
 * Which events a partner wants, on the feed or a subscription: a list of types (none
 * = every type) and one edition. With an edition, only events whose `data.editionId`
 * is that edition match: programme-wide events (`startup.profile-published`,
 * `partner.registered`) carry no edition and are left out; ask without an edition to
 * get them.
 */
// Stored filters accept every type, so a subscription saved before a type was withheld
// still reads (it just never matches it); requests take partner types only (api-schemas.ts).
export const eventFilterSchema = z.object({
  types: z.array(z.enum(eventTypeNames)).max(eventTypeNames.length).optional(),
  editionId: slug.optional(),
})
export type EventFilter = z.infer<typeof eventFilterSchema>

/** The edition an event belongs to, if its data names one. */
export const editionOf = (event: { readonly data: unknown }): string | undefined => {
  const { data } = event
  if (typeof data !== 'object' || data === null || !('editionId' in data)) return undefined
  return typeof data.editionId === 'string' ? data.editionId : undefined
}

/**
 * Whether an event passes a filter. Types partners never receive (partner-view.ts) pass
 * none: the feed, the dispatcher and replays all ask here.
 *
 * @example matchesFilter({ types: ['award.won'], editionId: 'ces-2020' }, event)
 */
export const matchesFilter = (
  filter: EventFilter,
  event: { readonly type: EventType; readonly data: unknown },
): boolean => {
  if (!isSharedWithPartners(event.type)) return false
  if (filter.types && filter.types.length > 0 && !filter.types.includes(event.type)) return false
  if (filter.editionId !== undefined && editionOf(event) !== filter.editionId) return false
  return true
}
