import { z } from 'zod'
import { isoDateTime, partnerRegistered } from '../events/index.js'

/** Registers a partner (metropolis, agglomeration, CCI…) with the programme. */
export const registerPartnerCommand = partnerRegistered.extend({
  type: z.literal('RegisterPartner'),
  now: isoDateTime,
})

/**
 * Any partner command, discriminated on `type`.
 *
 * @example partnerCommand.parse({ type: 'RegisterPartner', partnerId: 'tpm', name, kind, now })
 */
export const partnerCommand = z.discriminatedUnion('type', [registerPartnerCommand])

export type RegisterPartner = z.infer<typeof registerPartnerCommand>
export type PartnerCommand = z.infer<typeof partnerCommand>
