import { z } from 'zod'
import {
  applicationSubmitted,
  applicationWithdrawn,
  formLanguage,
  isoDateTime,
} from '../events/index.js'

/**
 * The application's commands, derived from the events they cause so no field is typed
 * twice. `now` is the effective time of the fact (the clock, or the historical time
 * staff import); ids are chosen by the caller, never here.
 */
const effective = { now: isoDateTime }

/** `language` is the form's; French when not given (the programme's language). */
export const submitApplicationCommand = applicationSubmitted.extend({
  type: z.literal('SubmitApplication'),
  language: formLanguage.optional(),
  ...effective,
})

export const decideApplicationCommand = z.object({
  type: z.literal('DecideApplication'),
  applicationId: z.string().min(1),
  decision: z.enum(['selected', 'rejected']),
  reason: z.string().max(2000).optional(),
  ...effective,
})

/** Staff confirm that a held application is the start-up's: it is submitted as it came. */
export const confirmApplicationCommand = z.object({
  type: z.literal('ConfirmApplication'),
  applicationId: z.string().min(1),
  ...effective,
})

/**
 * Staff dismiss an application that was not the start-up's: one held, or one made by a
 * contact a recovery found not to be the start-up's (whoever registered it first).
 */
export const dismissApplicationCommand = z.object({
  type: z.literal('DismissApplication'),
  applicationId: z.string().min(1),
  reason: z.string().max(2000).optional(),
  ...effective,
})

export const withdrawApplicationCommand = applicationWithdrawn
  .pick({ applicationId: true, by: true, reason: true })
  .extend({ type: z.literal('WithdrawApplication'), ...effective })

/**
 * Any application command, discriminated on `type`.
 *
 * @example applicationCommand.parse({ type: 'DecideApplication', applicationId, decision: 'selected', now })
 */
export const applicationCommand = z.discriminatedUnion('type', [
  submitApplicationCommand,
  decideApplicationCommand,
  confirmApplicationCommand,
  dismissApplicationCommand,
  withdrawApplicationCommand,
])

export type SubmitApplication = z.infer<typeof submitApplicationCommand>
export type DecideApplication = z.infer<typeof decideApplicationCommand>
export type ConfirmApplication = z.infer<typeof confirmApplicationCommand>
export type DismissApplication = z.infer<typeof dismissApplicationCommand>
export type WithdrawApplication = z.infer<typeof withdrawApplicationCommand>
export type ApplicationCommand = z.infer<typeof applicationCommand>
