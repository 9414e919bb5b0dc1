import { z } from 'zod'
import { contactSchema, slug, type startupRegistered } from '../event-data.js'
import { pastVersion } from './past-version.js'

/** `startup.registered` v1 (until February 2027): its contact's language was not recorded. */
export const startupRegisteredV1 = z.object({
  startupId: z.string().min(1),
  name: z.string().min(1).max(200),
  siret: z.string().regex(/^\d{14}$/),
  city: z.string().min(1).max(100),
  territory: slug,
  website: z.url().max(500),
  themes: z.array(slug).max(20),
  description: z.string().max(5000),
  contact: contactSchema.nullable(),
})

/**
 * v1 → v2: the language the start-up registered in was not recorded; French is the
 * programme's language unless the applicant chose English, so it reads as French.
 *
 * @example toStartupRegisteredV2(v1).language // 'fr'
 */
export const toStartupRegisteredV2 = (
  v1: z.infer<typeof startupRegisteredV1>,
): z.input<typeof startupRegistered> => ({ ...v1, language: 'fr' })

/** Every past version of `startup.registered`, oldest first (v2 is in event-data.ts). */
export const startupRegisteredPastVersions = [
  pastVersion(
    1,
    startupRegisteredV1,
    '`language` records the language its contact person registered in (`fr` or `en`), ' +
      'which messages to the registered contact are written in; v1 reads as `fr`.',
    toStartupRegisteredV2,
  ),
]
