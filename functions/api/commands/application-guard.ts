import { z } from 'zod'
import type { EventStore } from '../../store/event-store.js'
import { editionApplicationGuardId } from '../../store/guard-ids.js'

const holderSchema = z.object({ applicationId: z.string(), withdrawalTokenHash: z.string() })

/** What the one-application guard of a start-up and edition holds. */
export type ApplicationGuard = z.infer<typeof holderSchema>

/**
 * The guard item that makes one application per start-up and edition hold, with what it
 * keeps: the application's id (to name it in a refusal, to find a winner's application)
 * and the hash of its withdrawal token.
 *
 * @example guards: [{ ...applicationGuard('ces-2020', startupId, { applicationId, withdrawalTokenHash }), refusal }]
 */
export const applicationGuard = (editionId: string, startupId: string, data: ApplicationGuard) => ({
  guardId: editionApplicationGuardId(editionId, startupId),
  data,
})

/** The guard's data as stored or returned by a refusal, if it is one. */
export const parseApplicationGuard = (holder: unknown): ApplicationGuard | undefined => {
  const parsed = holderSchema.safeParse(holder)
  return parsed.success ? parsed.data : undefined
}

/**
 * The application a start-up made to an edition, if any.
 *
 * @example const guard = await findApplicationGuard(store, 'ces-2020', startupId)
 */
export const findApplicationGuard = async (store: EventStore, editionId: string, startupId: string) =>
  parseApplicationGuard(await store.findGuard(editionApplicationGuardId(editionId, startupId)))
