import { z } from '@hono/zod-openapi'
import type { EventType } from '../../domain/events/index.js'
import { publicEventSchema } from '../../domain/partner-access/partner-view.js'
import { partnerEventTypes, pascalName } from './event-catalogue.js'

type Member = ReturnType<typeof publicEventSchema>

/**
 * Each type's event as partners see it (domain/partner-access's partner view), named for
 * the OpenAPI document (`AwardWonEvent`): the feed's pages and the webhooks' bodies both
 * refer to these.
 */
export const namedPublicEvents = Object.fromEntries(
  partnerEventTypes.map((type) => [
    type,
    publicEventSchema(type)
      .clone()
      .openapi(`${pascalName(type)}Event`),
  ]),
) as Record<EventType, Member>

/**
 * An event on the feed, one schema per type told apart by `type`, so a generated client
 * knows each event's data.
 *
 * @example events: z.array(feedEventSchema)
 */
export const feedEventSchema = z
  // There is always at least one type.
  .discriminatedUnion('type', Object.values(namedPublicEvents) as [Member, ...Member[]])
  .openapi('PublicEvent', {
    description: 'An event as partners see it: no personal data, no metadata',
  })
