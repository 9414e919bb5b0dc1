import { z } from 'zod'
import type { ApplicationState } from '../../domain/application/index.js'
import { matchesSha256 } from '../shared/secrets.js'
import type { EventStore } from './event-store.js'
import { editionApplicationGuardId, heldApplicationGuardId } from './guard-ids.js'

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

/**
 * The guard of a held application (one not yet confirmed as the start-up's): it keeps the
 * withdrawal token's hash under the application's own id, so holding one never takes,
 * nor waits for, the start-up's one-application guard. Confirming copies it there.
 *
 * @example guards: [heldApplicationGuard({ applicationId, withdrawalTokenHash })]
 */
export const heldApplicationGuard = (data: ApplicationGuard) => ({
  guardId: heldApplicationGuardId(data.applicationId),
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

/**
 * The hash of the withdrawal token of one application: in its held guard while it is
 * held, else in its start-up's one-application guard if that names it (an application
 * held then dismissed or withdrawn has none there, so no token withdraws it).
 *
 * @example const hash = await withdrawalTokenHashOf(store, application)
 */
export const withdrawalTokenHashOf = async (
  store: EventStore,
  application: Exclude<ApplicationState, { status: 'absent' }>,
): Promise<string | undefined> => {
  const { applicationId, editionId, startupId } = application
  const guard =
    application.status === 'held'
      ? parseApplicationGuard(await store.findGuard(heldApplicationGuardId(applicationId)))
      : await findApplicationGuard(store, editionId, startupId)
  return guard?.applicationId === applicationId ? guard.withdrawalTokenHash : undefined
}

/**
 * Whether `token` is the one the start-up got when it made this application (its
 * withdrawal token): the key to everything only the start-up may do without an account
 * (withdraw, report its outcomes after the show). Compared in constant time with the
 * stored hash; a token of another application, or a tampered one, matches nothing.
 *
 * @example if (!(await holdsApplicationToken(store, application, token))) throw new InvalidWithdrawalTokenError()
 */
export const holdsApplicationToken = async (
  store: EventStore,
  application: Exclude<ApplicationState, { status: 'absent' }>,
  token: string | undefined,
): Promise<boolean> => {
  if (!token) return false
  const hash = await withdrawalTokenHashOf(store, application)
  return hash !== undefined && matchesSha256(token, hash)
}
