import type { z } from 'zod'
import { eventTypes, type EventType } from './event-types.js'
import { pastVersions, type PastVersion } from './past-versions/index.js'

/** A stored schema version this code cannot read: newer than its own, or never defined. */
export class UnknownSchemaVersionError extends Error {
  override readonly name = 'UnknownSchemaVersionError'
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
    readonly current: number,
  ) {
    super(`${type} has no schema version ${schemaVersion} (this code reads 1 to ${current})`)
  }
}

/** The current schema version of an event type: what every write uses. */
export const currentSchemaVersion = (type: EventType): number => eventTypes[type].schemaVersion

// Built once, like event-types.ts's strict parsers: unknown fields are refused in old
// data too, so nothing unplanned slips through an upcaster.
const strictPast = new Map<PastVersion, z.ZodType>(
  Object.values(pastVersions).flatMap((versions) =>
    versions.map((v) => [v, v.data.strict()] as const),
  ),
)

const pastVersion = (type: EventType, schemaVersion: number): PastVersion => {
  const found = pastVersions[type]?.find((past) => past.schemaVersion === schemaVersion)
  if (!found) throw new UnknownSchemaVersionError(type, schemaVersion, currentSchemaVersion(type))
  return found
}

/**
 * Stored data of `schemaVersion` as the type's current version: each past version is
 * validated by its own schema, then lifted by its upcaster to the next, v1 → v2 → …
 * The result still has to pass the current schema (parseDomainEvent does that). Current
 * data is returned as it is, at no cost.
 *
 * @example upcastData('award.won', 1, { …, category: 'Santé' }).category // 'Health & Wellness'
 */
export const upcastData = (type: EventType, schemaVersion: number, data: unknown): unknown => {
  const current = currentSchemaVersion(type)
  if (schemaVersion === current) return data
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) {
    throw new UnknownSchemaVersionError(type, schemaVersion, current)
  }
  let value = data
  for (let version = schemaVersion; version < current; version += 1) {
    const past = pastVersion(type, version)
    const strict = strictPast.get(past) ?? past.data.strict()
    value = past.upcast(strict.parse(value) as never)
  }
  return value
}

/** One schema version of an event type, for the catalogue. */
export interface SchemaVersionInfo {
  readonly schemaVersion: number
  readonly data: z.ZodObject
  readonly current: boolean
  /** For a past version: what the next one changed. */
  readonly changedInNext?: string
}

/**
 * Every schema version of an event type, oldest first, the current one last.
 *
 * @example schemaVersions('award.won').map((v) => v.schemaVersion) // [1, 2]
 */
export const schemaVersions = (type: EventType): SchemaVersionInfo[] => [
  ...(pastVersions[type] ?? []).map(({ schemaVersion, data, changedInNext }) => ({
    schemaVersion,
    data,
    current: false,
    changedInNext,
  })),
  { schemaVersion: currentSchemaVersion(type), data: eventTypes[type].data, current: true },
]
