import { z } from 'zod'
import { collections, projectionNames } from './collections.js'
import { byCodeUnits, insertSorted } from './draft-ops.js'
import type { Draft, FeedEvent, Projection } from './projection.js'

/**
 * The applications held for a start-up (`held-applications/<startupId>`): ids only. A held
 * application is not yet known to be the start-up's, so it counts in no report and leaves
 * the start-up's streams and guards alone; yet its stream holds the personal data of whoever
 * sent it, under the start-up. This is how a subject access request finds those streams
 * (functions/queries/startup-records.ts), held, confirmed or dismissed. Staff only: no
 * report reads it.
 */
export const heldApplicationsDoc = z.object({
  startupId: z.string(),
  applicationIds: z.array(z.string()),
})
export type HeldApplicationsDoc = z.infer<typeof heldApplicationsDoc>

/**
 * Adds a held application to its start-up's list, kept sorted (so any order of arrival
 * gives the same document).
 *
 * @example evolveHeldApplications(undefined, held)?.applicationIds // ['01J…']
 */
export const evolveHeldApplications = (
  draft: Draft<HeldApplicationsDoc> | undefined,
  event: FeedEvent,
): HeldApplicationsDoc | undefined => {
  if (event.type !== 'application.held') return draft
  const doc = draft ?? { startupId: event.data.startupId, applicationIds: [] }
  insertSorted(doc.applicationIds, event.data.applicationId, byCodeUnits)
  return doc
}

export const heldApplicationsProjection: Projection<HeldApplicationsDoc> = {
  name: projectionNames.heldApplications,
  eventTypes: ['application.held'],
  keysOf: (event) =>
    event.type === 'application.held'
      ? [{ collection: collections.heldApplications, id: event.data.startupId }]
      : [],
  evolve: evolveHeldApplications,
}
