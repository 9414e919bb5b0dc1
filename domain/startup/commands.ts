import { z } from 'zod'
import {
  contactSchema,
  formLanguage,
  isoDateTime,
  startupProfileCorrected,
  startupRecovered,
  startupRegistered,
} from '../events/index.js'
import { territorySlug } from '../shared/territories.js'

const effective = { now: isoDateTime }

/**
 * Registers a start-up with the programme. The territory must be a published one;
 * the SIRET's checksum is the decider's rule (`invalid-siret`), its uniqueness the
 * event store's guard item. `language` is the form's (French when not given).
 */
export const registerStartupCommand = startupRegistered.extend({
  type: z.literal('RegisterStartup'),
  territory: territorySlug,
  contact: contactSchema,
  language: formLanguage.optional(),
  ...effective,
})

/**
 * Staff correct a start-up's record: the fields given replace the recorded ones (the
 * SIRET never: it is the start-up's identity), with a reason. Only what differs is
 * recorded, and a start-up whose profile partners received gets it published again.
 */
export const correctStartupProfileCommand = startupProfileCorrected.extend({
  type: z.literal('CorrectStartupProfile'),
  territory: territorySlug.optional(),
  contact: contactSchema.optional(),
  ...effective,
})

/**
 * Staff recover a start-up registered first by someone else: the real profile and contact
 * replace the registered ones (`language`: the real contact's, French when not given).
 */
export const recoverStartupCommand = startupRecovered.extend({
  type: z.literal('RecoverStartup'),
  territory: territorySlug,
  contact: contactSchema,
  language: formLanguage.optional(),
  ...effective,
})

/**
 * Publishes a start-up's public profile to partners: issued with the selection of one of
 * its applications (see domain/application/publication.ts), or by staff for a start-up
 * selected before profiles were published. Nothing happens when partners have it already.
 */
export const publishStartupProfileCommand = z.object({
  type: z.literal('PublishStartupProfile'),
  startupId: z.string().min(1),
  ...effective,
})

/**
 * Any start-up command, discriminated on `type`.
 *
 * @example startupCommand.parse({ type: 'RegisterStartup', ...body, now })
 */
export const startupCommand = z.discriminatedUnion('type', [
  registerStartupCommand,
  correctStartupProfileCommand,
  recoverStartupCommand,
  publishStartupProfileCommand,
])

export type RegisterStartup = z.infer<typeof registerStartupCommand>
export type CorrectStartupProfile = z.infer<typeof correctStartupProfileCommand>
export type RecoverStartup = z.infer<typeof recoverStartupCommand>
export type PublishStartupProfile = z.infer<typeof publishStartupProfileCommand>
export type StartupCommand = z.infer<typeof startupCommand>
