import { z } from 'zod'
import { applicationGuardId } from '../../store/guard-ids.js'
import type { EventStore } from '../../store/event-store.js'
import { ProblemError } from '../problem.js'

const lookupSchema = z.object({
  editionId: z.string(),
  startupId: z.string(),
  withdrawalTokenHash: z.string(),
})

/**
 * Where an application lives: its edition (whose stream holds it) and the hash of
 * its withdrawal token, from the guard item written with the application.
 *
 * @example const { editionId } = await findApplication(store, applicationId)
 */
export const findApplication = async (store: EventStore, applicationId: string) => {
  const item = await store.findGuard(applicationGuardId(applicationId))
  if (!item) {
    throw new ProblemError(404, 'application-not-found', 'Application not found', `Application ${applicationId} does not exist`)
  }
  return lookupSchema.parse(item)
}
