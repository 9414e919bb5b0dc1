import { z } from 'zod'
import { categoryOf, unlistedCategory } from '../award-categories.js'
import { awardLevel, slug, type awardWon } from '../event-data.js'
import { pastVersion } from './past-version.js'

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

/** Every past version of `award.won`, oldest first (the current one is v2, in event-data.ts). */
export const awardWonPastVersions = [
  pastVersion(
    1,
    awardWonV1,
    '`category` is one of the CES Innovation Awards categories instead of free text; ' +
      'v1 text that names none reads as `Unlisted`, with the text in `categoryAsRecorded`.',
    toAwardWonV2,
  ),
]
