import { z } from 'zod'
import { isoDateTime } from './event-data.js'
import { type DomainEvent, eventTypeNames, parseDomainEvent } from './event-types.js'
import { currentSchemaVersion, upcastData } from './upcast.js'

/**
 * Who and what caused an event. `occurredAt` is set only when the fact happened
 * before it was recorded (history imported by staff); `override` names the rule
 * staff chose to bypass for it (e.g. `historical-import` lifts the deadline).
 */
export const eventMetadataSchema = z.object({
  correlationId: z.string().min(1).max(200),
  causationId: z.string().min(1).max(200).optional(),
  actor: z.string().min(1).max(200),
  idempotencyKey: z.string().min(1).max(255).optional(),
  occurredAt: isoDateTime.optional(),
  override: z.string().min(1).max(100).optional(),
})
export type EventMetadata = z.infer<typeof eventMetadataSchema>

const envelopeFields = z.object({
  eventId: z.uuid(),
  streamId: z.string().min(1).max(200),
  version: z.number().int().min(1),
  type: z.enum(eventTypeNames),
  schemaVersion: z.number().int().min(1),
  data: z.unknown(),
  metadata: eventMetadataSchema,
  recordedAt: isoDateTime,
})

/** A stored event: the domain event in its envelope. */
export type EventEnvelope = DomainEvent & {
  eventId: string
  streamId: string
  version: number
  schemaVersion: number
  metadata: EventMetadata
  recordedAt: string
}

/**
 * Validates an envelope and its data (on write and on read): the read boundary of the
 * event store, the indexer and the Feed. Data stored at an older schema version comes
 * out upcast to the current one (upcast.ts), with the current `schemaVersion`, so
 * deciders, projections, the feed and webhooks only ever see current versions.
 *
 * @example parseEnvelope(item) // throws a ZodError on anything malformed
 */
export const parseEnvelope = (raw: unknown): EventEnvelope => {
  const envelope = envelopeFields.parse(raw)
  const { type, schemaVersion } = envelope
  const event = parseDomainEvent(type, upcastData(type, schemaVersion, envelope.data))
  return { ...envelope, ...event, schemaVersion: currentSchemaVersion(type) }
}

/** The time a fact happened: `occurredAt` for imported history, else when recorded. */
export const occurredAt = (event: Pick<EventEnvelope, 'metadata' | 'recordedAt'>): string =>
  event.metadata.occurredAt ?? event.recordedAt
