import { z } from 'zod'
import type { contactsErased } from '../event-data.js'
import { pastVersion } from './past-version.js'

/** `startup.contacts-erased` v1 (until March 2027): how many contacts, not which keys. */
export const contactsErasedV1 = z.object({
  startupId: z.string().min(1),
  contacts: z.number().int().min(1).max(1000),
  reason: z.enum(['request', 'retention']),
})

/**
 * v1 → v2: which data keys it destroyed was not recorded, and is not guessed: `keyIds`
 * reads `null`, which the erasure rule (domain/personal-data/erased-keys.ts) takes as every
 * key the start-up had when it was recorded.
 *
 * @example toContactsErasedV2(v1).keyIds // null
 */
export const toContactsErasedV2 = (
  v1: z.infer<typeof contactsErasedV1>,
): z.input<typeof contactsErased> => ({
  ...v1,
  keyIds: null,
})

/** Every past version of `startup.contacts-erased`, oldest first (v2 is in event-data.ts). */
export const contactsErasedPastVersions = [
  pastVersion(
    1,
    contactsErasedV1,
    '`keyIds` names the data keys the erasure destroyed, so it can be applied again after a ' +
      'restore of the Keys table; v1 named none and reads `null`.',
    toContactsErasedV2,
  ),
]
