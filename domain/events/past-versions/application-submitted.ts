import { z } from 'zod'
import { consentRecord, contactSchema, slug, type applicationSubmitted } from '../event-data.js'
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
 * `application.submitted` v2 (December 2026 to February 2027): the consent recorded, the
 * form's language not. Its contact reads `null` once erased.
 */
export const applicationSubmittedV2 = z.object({
  applicationId: z.string().min(1),
  editionId: slug,
  startupId: z.string().min(1),
  startupName: z.string().min(1).max(200),
  territory: slug,
  themes: z.array(slug).max(20),
  pitch: z.string().min(1).max(5000),
  contact: contactSchema.nullable(),
  consent: consentRecord.nullable(),
})

/**
 * v1 → v2: v1 recorded no consent, so v2 says so (`consent: null`, "not recorded")
 * rather than guess which wording the applicant saw.
 *
 * @example toApplicationSubmittedV2(v1).consent // null
 */
export const toApplicationSubmittedV2 = (
  v1: z.infer<typeof applicationSubmittedV1>,
): z.input<typeof applicationSubmittedV2> => ({ ...v1, consent: null })

/**
 * v2 → v3: which form was used was not recorded; French is the programme's language unless
 * the applicant chose English, so an application of before reads as French.
 *
 * @example toApplicationSubmittedV3(v2).language // 'fr'
 */
export const toApplicationSubmittedV3 = (
  v2: z.infer<typeof applicationSubmittedV2>,
): z.input<typeof applicationSubmitted> => ({ ...v2, language: 'fr' })

const languageAdded = (readsAs: string) =>
  '`language` records the language of the form (`fr` or `en`), which the programme writes ' +
  `to the contact in; ${readsAs} reads as \`fr\`.`

/** Every past version of `application.submitted`, oldest first (v3 is in event-data.ts). */
export const applicationSubmittedPastVersions = [
  pastVersion(
    1,
    applicationSubmittedV1,
    '`consent` records the consent wording’s version and when it was given; v1 reads as ' +
      '`consent: null` (not recorded).',
    toApplicationSubmittedV2,
  ),
  pastVersion(2, applicationSubmittedV2, languageAdded('v2'), toApplicationSubmittedV3),
]

/**
 * `application.held` v1 (December 2026 to February 2027): a held application had exactly
 * the data of a submission, `application.submitted` v2 (it is submitted as it came once
 * staff confirm it).
 */
export const applicationHeldV1 = applicationSubmittedV2

/** v1 → v2: as for a submission, the language was not recorded and reads as French. */
export const toApplicationHeldV2 = toApplicationSubmittedV3

/** Every past version of `application.held`, oldest first (v2 is in event-data.ts). */
export const applicationHeldPastVersions = [
  pastVersion(1, applicationHeldV1, languageAdded('v1'), toApplicationHeldV2),
]
