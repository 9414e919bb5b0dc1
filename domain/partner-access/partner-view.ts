import { z } from 'zod'
import {
  currentSchemaVersion,
  eventTypeNames,
  eventTypes,
  isoDateTime,
  personalDataFields,
  type EventType,
} from '../events/index.js'

/**
 * What partners may see of each event type, as zod schemas: the feed and webhooks pick
 * their data fields from `partnerDataSchema`, and the catalogue (OpenAPI webhooks,
 * AsyncAPI, JSON Schema) documents the same schemas, so what is sent and what is
 * promised cannot drift apart. To change what partners see of a type, change it here.
 *
 * Today a type's partner schema is its current data schema without its personal data
 * fields (`personalDataFields`).
 */
const partnerSchemas = Object.fromEntries(
  eventTypeNames.map((type) => {
    const hidden = personalDataFields[type] ?? []
    const shown = Object.entries(eventTypes[type].data.shape).filter(([f]) => !hidden.includes(f))
    return [type, z.object(Object.fromEntries(shown))]
  }),
) as Record<EventType, z.ZodObject>

/**
 * The data of a type as partners see it.
 *
 * @example Object.keys(partnerDataSchema('startup.registered').shape) // no 'contact'
 */
export const partnerDataSchema = (type: EventType): z.ZodObject => partnerSchemas[type]

/**
 * An event's data reduced to the fields of its partner schema: an allow-list, so a field
 * added to an event is not shown to partners until it is added here. A copy.
 *
 * @example partnerData(startupRegistered).contact // undefined
 */
export const partnerData = (event: {
  readonly type: EventType
  readonly data: unknown
}): Record<string, unknown> => {
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<
    string,
    unknown
  >
  const fields = Object.keys(partnerSchemas[event.type].shape)
  return Object.fromEntries(fields.filter((field) => field in data).map((f) => [f, data[f]]))
}

/**
 * An event of one type as the feed and webhooks carry it (see public-event.ts), for
 * the catalogue.
 *
 * @example z.toJSONSchema(publicEventSchema('award.won'))
 */
export const publicEventSchema = (type: EventType) =>
  z.object({
    position: z.number().int().min(1).describe('Its place in the Feed: gapless, never reused'),
    eventId: z.uuid(),
    streamId: z.string(),
    version: z.number().int().min(1).describe('Its place in its stream'),
    type: z.literal(type),
    schemaVersion: z.literal(currentSchemaVersion(type)),
    data: partnerDataSchema(type),
    recordedAt: isoDateTime.describe('When it was recorded'),
    occurredAt: isoDateTime.describe(
      'When it happened (earlier than recordedAt for imported history)',
    ),
  })
