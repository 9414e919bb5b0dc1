import { z } from 'zod'
import { isoDateTime, startupRegistered } from '../events/index.js'
import { territorySlug } from '../shared/territories.js'

/**
 * Registers a start-up with the programme. The territory must be a published one;
 * the SIRET's checksum is the decider's rule (`invalid-siret`), its uniqueness the
 * event store's guard item.
 */
export const registerStartupCommand = startupRegistered.extend({
  type: z.literal('RegisterStartup'),
  territory: territorySlug,
  now: isoDateTime,
})

/**
 * Any start-up command, discriminated on `type`.
 *
 * @example startupCommand.parse({ type: 'RegisterStartup', ...body, now })
 */
export const startupCommand = z.discriminatedUnion('type', [registerStartupCommand])

export type RegisterStartup = z.infer<typeof registerStartupCommand>
export type StartupCommand = z.infer<typeof startupCommand>
