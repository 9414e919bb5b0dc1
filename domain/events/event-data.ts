import { z } from 'zod'
import { awardCategories, unlistedCategory } from './award-categories.js'

/**
 * The data of every domain event, one zod schema per public event type.
 *
 * Event types are public names, dotted and in the past tense, the same in code,
 * in the Feed and in webhooks. A schema here is a promise to partners: add fields
 * as optional; for anything else, move the old schema to past-versions/ with an
 * upcaster to this one, and bump the schema version (event-types.ts).
 */

export const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug such as ces-2020')

export const isoDate = z.iso.date()
export const isoDateTime = z.iso.datetime({ offset: true })

export const contactSchema = z.object({
  name: z.string().min(1).max(200),
  email: z.email().max(254),
  phone: z.string().min(3).max(40).optional(),
})
export type Contact = z.infer<typeof contactSchema>

/**
 * A personal data field as events carry it once read back: the contact, or `null` once
 * its data subject was erased (crypto-shredding, functions/personal-data). Deciders
 * always write a contact; every reader must accept `null`.
 */
const erasableContact = contactSchema.nullable()

/**
 * The languages of the registration form, and so of what the programme writes to the
 * people it serves: French, or English for those who filled the form in English.
 */
export const formLanguages = ['fr', 'en'] as const
export const formLanguage = z.enum(formLanguages)
export type Language = z.infer<typeof formLanguage>

export const partnerKinds = [
  'metropolis',
  'agglomeration',
  'chamber-of-commerce',
  'region',
  'other',
] as const
export const partnerKind = z.enum(partnerKinds)
export type PartnerKind = z.infer<typeof partnerKind>

export const awardLevels = ['honoree', 'best-of-innovation'] as const
export const awardLevel = z.enum(awardLevels)

export const editionOpened = z.object({
  editionId: slug,
  name: z.string().min(1).max(200),
  show: z.string().min(1).max(100),
  city: z.string().min(1).max(100),
  startsOn: isoDate,
  endsOn: isoDate,
  applicationDeadline: isoDateTime,
  capacity: z.number().int().min(1).max(1000),
  themes: z.array(slug).max(50),
})

export const editionClosed = z.object({
  editionId: slug,
})

/**
 * Schema v2: `language`, the language its contact person wrote in (the form's), which
 * messages to the start-up's registered contact are written in (v1 reads as French, see
 * past-versions/startup-registered.ts). Partners never receive it: a start-up's public
 * profile reaches them once it is selected (`startup.profile-published`).
 */
export const startupRegistered = z.object({
  startupId: z.string().min(1),
  name: z.string().min(1).max(200),
  siret: z.string().regex(/^\d{14}$/),
  city: z.string().min(1).max(100),
  territory: slug,
  website: z.url().max(500),
  themes: z.array(slug).max(20),
  description: z.string().max(5000),
  /** Personal data: stored encrypted, never leaves through the feed or webhooks; null once erased. */
  contact: erasableContact,
  language: formLanguage,
})

/**
 * A start-up as the public knows it (no SIRET, description or contact person): what
 * partners receive once one of its applications is selected.
 */
export const publicProfile = startupRegistered.pick({
  name: true,
  city: true,
  territory: true,
  website: true,
  themes: true,
})
export type PublicProfile = z.infer<typeof publicProfile>

/**
 * Partners receive a start-up's public profile only once one of its applications is
 * selected, and again each time staff correct (or recover) the profile of a start-up
 * already published; never what a stranger typed in someone else's name.
 *
 * Why an event of its own on the start-up's stream rather than `application.selected` v2
 * carrying the profile: the profile belongs to the start-up and changes with it (a
 * correction after the selection must reach partners, with no new selection to carry it);
 * partners then have one event type that says "this is the start-up now", whatever caused
 * it; and `application.selected` stays as it is, with no v1 that an upcaster could not
 * fill (the profile at the time of an old selection was never recorded with it).
 */
export const startupProfilePublished = z.object({
  startupId: z.string().min(1),
  ...publicProfile.shape,
})

/** A reason staff give for changing a start-up's record: required, it is the record's audit. */
const staffReason = z.string().min(1).max(2000)

/**
 * Staff corrected a start-up's record: only the fields that changed, and why (who: the
 * event's actor). The SIRET is never corrected: the start-up's id is derived from it, so
 * another SIRET is another start-up. A corrected `contact` replaces the registered one
 * (personal data, sealed like every contact; null once erased), and `language` is the one
 * messages to the registered contact are written in.
 */
export const startupProfileCorrected = z.object({
  startupId: z.string().min(1),
  name: publicProfile.shape.name.optional(),
  city: publicProfile.shape.city.optional(),
  territory: slug.optional(),
  website: publicProfile.shape.website.optional(),
  themes: publicProfile.shape.themes.optional(),
  description: startupRegistered.shape.description.optional(),
  /** Personal data: stored encrypted, never leaves through the feed or webhooks; null once erased. */
  contact: erasableContact.optional(),
  language: formLanguage.optional(),
  reason: staffReason,
})

/**
 * Staff found that the start-up's first registration came from someone else (anyone can
 * know a SIRET): its registered profile and contact are replaced by the real ones. The
 * history stays (the stranger's `startup.registered` is kept, and read as theirs): from
 * now on the stranger's contact is not the start-up's, so the real contact's applications
 * are the start-up's and the stranger's own may be dismissed (domain/application).
 */
export const startupRecovered = z.object({
  startupId: z.string().min(1),
  ...publicProfile.shape,
  description: startupRegistered.shape.description,
  /** Personal data: stored encrypted, never leaves through the feed or webhooks; null once erased. */
  contact: erasableContact,
  language: formLanguage,
  reason: staffReason,
})

/** A consent as given: the wording's version, and when. */
export const consentRecord = z.object({
  version: z.string().min(1).max(40),
  givenAt: isoDateTime,
})
export type ConsentRecord = z.infer<typeof consentRecord>

export const applicationSubmitted = z.object({
  applicationId: z.string().min(1),
  editionId: slug,
  startupId: z.string().min(1),
  /** Snapshot of the start-up at the time it applied, for the reports. */
  startupName: z.string().min(1).max(200),
  territory: slug,
  themes: z.array(slug).max(20),
  pitch: z.string().min(1).max(5000),
  /** Personal data: stored encrypted, never leaves through the feed or webhooks; null once erased. */
  contact: erasableContact,
  /**
   * What the applicant consented to: the version of the wording (domain/shared/consent.ts)
   * and when. `null`: not recorded (applications stored before v2, history staff imported).
   */
  consent: consentRecord.nullable(),
  /**
   * The language of the form it was made with: what the programme writes to its contact in
   * (v3). Older versions read as French: which form was used was not recorded, and French
   * is the programme's language unless the applicant chose English.
   */
  language: formLanguage,
})

/**
 * An application made for a start-up already registered, by a contact person the
 * start-up's registration does not name: anyone can know a SIRET, so it is held apart
 * (not the start-up's application, not counted anywhere) until staff confirm it, which
 * records its `application.submitted`, or dismiss it. Same data as a submission.
 */
export const applicationHeld = applicationSubmitted

const applicationDecision = z.object({
  applicationId: z.string().min(1),
  editionId: slug,
  startupId: z.string().min(1),
  reason: z.string().max(2000).optional(),
})

export const applicationSelected = applicationDecision
/** Staff found a held application not to be the start-up's: it ends there. */
export const applicationDismissed = applicationDecision
export const applicationRejected = applicationDecision
export const applicationWithdrawn = applicationDecision.extend({
  by: z.enum(['startup', 'staff']),
})

/**
 * Schema v2: the category is one of the CES Innovation Awards categories (v1 took free
 * text, see past-versions/award-won.ts). `Unlisted` and `categoryAsRecorded` only come from v1
 * awards whose text named no listed category; a new award always names one.
 */
export const awardWon = z.object({
  awardId: z.string().min(1),
  editionId: slug,
  startupId: z.string().min(1),
  award: awardLevel,
  category: z.enum([...awardCategories, unlistedCategory]),
  /** The v1 free text, kept when it named no listed category (then `category` is `Unlisted`). */
  categoryAsRecorded: z.string().min(1).max(200).optional(),
})

/**
 * The personal data of some of a start-up's contact people was erased: their data keys
 * were destroyed, so every event that held it reads `contact: null` from now on. It
 * holds no personal data itself: how many contacts, why, and the ids of the keys it
 * destroyed (random, never reused, derived from nothing), so that no restore of the Keys
 * table can bring one back into use (domain/personal-data/erased-keys.ts).
 */
export const contactsErased = z.object({
  startupId: z.string().min(1),
  contacts: z.number().int().min(1).max(1000),
  reason: z.enum(['request', 'retention']),
  /** `null`: recorded by v1, which named no key (then every key the start-up had is erased). */
  keyIds: z.array(z.string().min(1).max(100)).min(1).max(1000).nullable(),
})

export const partnerRegistered = z.object({
  partnerId: slug,
  name: z.string().min(1).max(200),
  kind: partnerKind,
})

export const partnerJoined = z.object({
  partnerId: slug,
  editionId: slug,
  /** Snapshot of the partner, so the edition's history reads on its own. */
  name: z.string().min(1).max(200),
  kind: partnerKind,
  contribution: z.string().min(1).max(2000),
})
