import { z } from 'zod'
import { categoryOf, unlistedCategory } from './award-categories.js'
import { awardLevel, slug, type awardWon } from './event-data.js'

/**
 * Older shapes of event data that the Events table still holds (it is append-only:
 * nothing stored is ever rewritten), each with the pure function that lifts it to the
 * next version. Reads chain them, v1 → v2 → …, up to the current schema of
 * event-types.ts, so everything past the read boundary sees current versions only.
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
const pastVersion = <Schema extends z.ZodObject, Next>(
  schemaVersion: number,
  data: Schema,
  changedInNext: string,
  upcast: (data: z.infer<Schema>) => Next,
): PastVersion => ({ schemaVersion, data, changedInNext, upcast })

/** `award.won` v1 (until January 2027): the category was free text. */
export const awardWonV1 = z.object({
  awardId: z.string().min(1),
  editionId: slug,
  startupId: z.string().min(1),
  award: awardLevel,
  category: z.string().min(1).max(200),
})

/**
 * v1 → v2: the free text becomes the listed category it names (see `categoryOf`); text
 * that names none becomes `Unlisted`, and the text itself is kept, as typed, in
 * `categoryAsRecorded`, so nothing recorded is lost and nothing is guessed.
 *
 * @example toAwardWonV2({ …, category: 'Santé' }).category // 'Health & Wellness'
 */
export const toAwardWonV2 = (v1: z.infer<typeof awardWonV1>): z.input<typeof awardWon> => {
  const listed = categoryOf(v1.category)
  return listed
    ? { ...v1, category: listed }
    : { ...v1, category: unlistedCategory, categoryAsRecorded: v1.category }
}

/** Every type's past versions, oldest first; a type absent here has only its current one. */
export const pastVersions: Readonly<Record<string, readonly PastVersion[]>> = {
  'award.won': [
    pastVersion(
      1,
      awardWonV1,
      '`category` is one of the CES Innovation Awards categories instead of free text; ' +
        'v1 text that names none reads as `Unlisted`, with the text in `categoryAsRecorded`.',
      toAwardWonV2,
    ),
  ],
}
