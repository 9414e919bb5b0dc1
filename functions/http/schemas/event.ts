import { z } from '@hono/zod-openapi'
import { eventTypeNames } from '../../../domain/events/index.js'

/** An event in its envelope, as the API shows it (documentation schema for OpenAPI). */
export const eventSchema = z
  .object({
    eventId: z.string(),
    streamId: z.string(),
    version: z.number().int(),
    type: z.enum(eventTypeNames),
    schemaVersion: z.number().int(),
    data: z.record(z.string(), z.unknown()),
    metadata: z.record(z.string(), z.unknown()),
    recordedAt: z.string(),
  })
  .openapi('Event')
