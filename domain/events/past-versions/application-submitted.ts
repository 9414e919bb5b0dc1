import { z } from 'zod'
import { contactSchema, slug, type applicationSubmitted } from '../event-data.js'
import { pastVersion } from './past-version.js'

/** `application.submitted` v1 (until December 2026): what was consented to was not recorded. */
export const applicationSubmittedV1 = z.object({
  applicationId: z.string().min(1),
  editionId: slug,
  startupId: z.string().min(1),
  startupName: z.string().min(1).max(200),
  territory: slug,
  themes: z.array(slug).max(20),
  pitch: z.string().min(1).max(5000),
  contact: contactSchema,
})

/**
 * v1 → v2: v1 recorded no consent, so v2 says so (`consent: null`, "not recorded")
 * rather than guess which wording the applicant saw.
 *
 * @example toApplicationSubmittedV2(v1).consent // null
 */
export const toApplicationSubmittedV2 = (
  v1: z.infer<typeof applicationSubmittedV1>,
): z.input<typeof applicationSubmitted> => ({ ...v1, consent: null })

/** Every past version of `application.submitted`, oldest first (v2 is in event-data.ts). */
export const applicationSubmittedPastVersions = [
  pastVersion(
    1,
    applicationSubmittedV1,
    '`consent` records the consent wording’s version and when it was given; v1 reads as ' +
      '`consent: null` (not recorded).',
    toApplicationSubmittedV2,
  ),
]
