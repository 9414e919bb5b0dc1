import type { z } from 'zod'

/**
 * One older shape of an event type's data that the Events table still holds, with the
 * pure function that lifts it to the next version.
 *
 * A past schema is written out in full, never derived from the current one: it
 * describes data already stored, which must not change when the current schema does.
 */
export interface PastVersion {
  readonly schemaVersion: number
  readonly data: z.ZodObject
  /** What the next version changed, in a sentence, for the catalogue. */
  readonly changedInNext: string
  /** This version's data (validated) as the next version's. */
  readonly upcast: (data: never) => unknown
}

/**
 * A past version whose upcaster is checked against its own schema and the next one's.
 *
 * @example pastVersion(1, awardWonV1, 'category from a closed list', toAwardWonV2)
 */
export const pastVersion = <Schema extends z.ZodObject, Next>(
  schemaVersion: number,
  data: Schema,
  changedInNext: string,
  upcast: (data: z.infer<Schema>) => Next,
): PastVersion => ({ schemaVersion, data, changedInNext, upcast })
