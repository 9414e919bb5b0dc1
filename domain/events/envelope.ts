import { z } from 'zod'
import { isoDateTime } from './event-data.js'
import { type DomainEvent, eventTypeNames, parseDomainEvent } from './event-types.js'
import { type Sealed, sealedSchema } from './personal-data.js'
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
  sealed: sealedSchema.optional(),
})

/** A stored event: the domain event in its envelope. */
export type EventEnvelope = DomainEvent & {
  eventId: string
  streamId: string
  version: number
  schemaVersion: number
  metadata: EventMetadata
  recordedAt: string
  /**
   * As stored (Events, Feed): the personal fields, sealed; they read `null` in `data`
   * until functions/personal-data opens them. Absent once opened, and on events
   * without personal data.
   */
  sealed?: Sealed
}

/**
 * A stored event on its way in: the envelope's own fields valid, its data upcast to the
 * current schema version but not yet checked against it (`checkEnvelopeData` does that).
 * The event store reads sealed events this way, so the personal fields the vault puts
 * back are checked with the rest of the data, once.
 */
export type StoredEnvelope = z.infer<typeof envelopeFields>

/**
 * The envelope's fields validated, and its data (validated by its own schema when it was
 * stored at an older version) upcast to the current one (upcast.ts), with the current
 * `schemaVersion`. Every StoredEnvelope must then pass `checkEnvelopeData`.
 *
 * @example const opened = await vault.open(items.map(parseStoredEnvelope))
 */
export const parseStoredEnvelope = (raw: unknown): StoredEnvelope => {
  const envelope = envelopeFields.parse(raw)
  const { type, schemaVersion } = envelope
  const data = upcastData(type, schemaVersion, envelope.data)
  return { ...envelope, data, schemaVersion: currentSchemaVersion(type) }
}

/**
 * A stored envelope's data checked against its type's current schema: the event.
 *
 * @example opened.map(checkEnvelopeData) // throws a ZodError on malformed data
 */
export const checkEnvelopeData = (envelope: StoredEnvelope): EventEnvelope => ({
  ...envelope,
  ...parseDomainEvent(envelope.type, envelope.data),
})

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
