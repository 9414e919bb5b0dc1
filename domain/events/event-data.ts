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

export const startupRegistered = z.object({
  startupId: z.string().min(1),
  name: z.string().min(1).max(200),
  siret: z.string().regex(/^\d{14}$/),
  city: z.string().min(1).max(100),
  territory: slug,
  website: z.url().max(500),
  themes: z.array(slug).max(20),
  description: z.string().max(5000),
  /** Personal data: never leaves through the feed or webhooks. */
  contact: contactSchema,
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
  /** Personal data: never leaves through the feed or webhooks. */
  contact: contactSchema,
  /**
   * What the applicant consented to: the version of the wording (domain/shared/consent.ts)
   * and when. `null`: not recorded (applications stored before v2, history staff imported).
   */
  consent: consentRecord.nullable(),
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
