import { z } from '@hono/zod-openapi'
import {
  awardCategory,
  awardLevel,
  isoDate,
  isoDateTime,
  partnerKind,
  slug,
} from '../../domain/events/index.js'
import { isValidSiret } from '../../domain/shared/siret.js'
import { territorySlug } from '../../domain/shared/territories.js'
import { nestFormFields } from './form-body.js'
import { documented } from '../shared/http/documented.js'
import { multiLine, singleLine } from './text.js'

/**
 * Request bodies, validated by zod before any handler runs; the OpenAPI document is
 * generated from the same schemas. Every object is strict: an unknown field is a
 * 400 that names it, never silently dropped.
 */

/** Staff recording past facts send when they happened (see commit.ts). */
const occurredAt = isoDateTime
  .optional()
  .openapi({ description: 'Staff only: when the fact happened, to record history after the event' })

export const openEditionBody = z
  .object({
    id: documented(slug, { example: 'ces-2020' }),
    name: singleLine(200).openapi({ example: 'CES Las Vegas 2020' }),
    show: singleLine(100).openapi({ example: 'CES' }),
    city: singleLine(100).openapi({ example: 'Las Vegas' }),
    startsOn: documented(isoDate, { example: '2020-01-07' }),
    endsOn: documented(isoDate, { example: '2020-01-10' }),
    applicationDeadline: documented(isoDateTime, { example: '2019-10-15T23:59:59+02:00' }),
    capacity: z.number().int().min(1).max(1000).openapi({ example: 30 }),
    themes: z.array(slug).max(50).default([]).openapi({ example: ['environment', 'health'] }),
    occurredAt,
  })
  .strict()
  .openapi('OpenEdition')

const siret = z
  .string()
  .regex(/^\d{14}$/, 'must be 14 digits, without spaces')
  .refine(isValidSiret, 'is not a valid SIRET (its check digit is wrong)')
  .openapi({ example: '73282932000074' })

/** A contact person as the form gives them. */
const contactBody = z
  .object({
    name: singleLine(200).openapi({ example: 'Inès Martin' }),
    email: z.email().max(254).openapi({ example: 'ines@calanques.example' }),
    phone: z
      .string()
      .regex(/^\+?[0-9 .()-]{6,30}$/, 'must be a phone number')
      .optional()
      .openapi({ example: '+33 4 91 00 00 00' }),
  })
  .strict()

/** A start-up's profile as the form gives it (and staff correct it), its SIRET aside. */
const startupProfile = {
  name: singleLine(200).openapi({ example: 'Calanques Tech' }),
  city: singleLine(100).openapi({ example: 'Marseille' }),
  territory: territorySlug,
  website: z.url({ protocol: /^https?$/ }).max(500).openapi({ example: 'https://calanques.example' }),
  themes: z.array(slug).min(1).max(20).openapi({ example: ['environment'] }),
  description: multiLine(5000),
}

export const registrationBody = z
  .object({
    startup: z
      .object({ ...startupProfile, siret })
      .strict(),
    contact: contactBody,
    pitch: multiLine(5000),
    consent: z.literal(true, 'must be true: the start-up agrees to the processing of its data'),
    // Which wording was agreed to (domain/shared/consent.ts); the form posts it.
    consentVersion: z.string().min(1).max(40).optional().openapi({
      example: '2026-12',
      description:
        'The version of the consent wording agreed to (the form shows it): required for a new ' +
        'application (422 `consent-version-required`, or `unknown-consent-version` for one never ' +
        'published); staff importing history with `occurredAt` may leave it out (recorded as not recorded)',
    }),
    language: z.enum(['fr', 'en']).optional().openapi({
      example: 'fr',
      description: 'The language the form was in: what the programme writes to the contact in (French when left out)',
    }),
    occurredAt,
  })
  .strict()
  .openapi('Application')

/** The same body posted by a plain HTML form: `startup[name]=…&startup[themes][]=…`. */
export const registrationForm = z.preprocess(
  (fields) =>
    typeof fields === 'object' && fields !== null
      ? nestFormFields(fields as Record<string, unknown>, ['consent'], ['startup.themes'])
      : fields,
  registrationBody,
)

export const decisionBody = z
  .object({
    decision: z.enum(['selected', 'rejected']),
    reason: multiLine(2000).optional(),
    occurredAt,
  })
  .strict()
  .openapi('Decision')

export const confirmationBody = z
  .object({
    outcome: z.enum(['confirmed', 'dismissed']).openapi({
      description: '`confirmed`: the application is the start-up’s (it is submitted); `dismissed`: it is not',
    }),
    reason: multiLine(2000).optional(),
    occurredAt,
  })
  .strict()
  .openapi('HeldApplicationConfirmation')

export const withdrawalBody = z
  .object({
    token: z.string().min(1).max(200).optional().openapi({ description: 'The withdrawal token given when applying; staff need none' }),
    reason: multiLine(2000).optional(),
    occurredAt,
  })
  .strict()
  .openapi('Withdrawal')

export const awardBody = z
  .object({
    startupId: z.string().min(1).max(100),
    award: awardLevel,
    category: documented(awardCategory, {
      example: 'Sustainability, Eco-Design & Smart Energy',
      description: 'One of the CES Innovation Awards categories',
    }),
    occurredAt,
  })
  .strict()
  .openapi('Award')

export const partnerBody = z
  .object({
    partnerId: slug.optional().openapi({ example: 'nice-cote-d-azur' }),
    name: singleLine(200).optional().openapi({ example: "Métropole Nice Côte d'Azur" }),
    kind: partnerKind.optional(),
    contribution: multiLine(2000).openapi({ example: 'Co-funds ten stands in the Eureka Park pavilion' }),
    occurredAt,
  })
  .strict()
  .refine((body) => body.partnerId !== undefined || (body.name !== undefined && body.kind !== undefined), {
    message: 'give an existing partnerId, or a new partner’s name and kind',
    path: ['partnerId'],
  })
  .openapi('PartnerJoin')

export const closeBody = z.object({ occurredAt }).strict().openapi('CloseEdition')

const staffReason = multiLine(2000).openapi({ example: 'Registered first by someone else: recovered with the start-up’s CEO' })
const language = z.enum(['fr', 'en'])

/** Staff correct a start-up's record: any of its profile's fields, its contact, with why. */
export const profileCorrectionBody = z
  .object(startupProfile)
  .partial()
  .extend({ contact: contactBody.optional(), language: language.optional(), reason: staffReason })
  .strict()
  .openapi('StartupProfileCorrection')

/** Staff recover a start-up registered first by someone else: its real profile and contact. */
export const recoveryBody = z
  .object({ ...startupProfile, contact: contactBody, language: language.optional(), reason: staffReason })
  .strict()
  .openapi('StartupRecovery')
