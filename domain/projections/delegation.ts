import { z } from 'zod'
import { awardLevel, occurredAt } from '../events/index.js'
import { collections, projectionNames } from './collections.js'
import type { FeedEvent, Projection } from './projection.js'
import { applicationEventTypes, applicationStatus, statusAfter } from './tally.js'

export const memberAward = z.object({
  awardId: z.string(),
  award: awardLevel,
  category: z.string(),
  wonAt: z.string(),
})
export type MemberAward = z.infer<typeof memberAward>

/**
 * A start-up's place in one edition, from its application's snapshot (name,
 * territory, themes as they were when it applied). The delegation is the documents
 * whose status is `selected`: a withdrawal takes a member out of it.
 */
export const delegationDoc = z.object({
  editionId: z.string(),
  startupId: z.string(),
  applicationId: z.string(),
  startupName: z.string(),
  territory: z.string(),
  themes: z.array(z.string()),
  status: applicationStatus,
  submittedAt: z.string(),
  decidedAt: z.string().optional(),
  /**
   * The application stream's version this document has folded: what the back-office sends
   * as If-Match with a decision. Optional only for documents folded before it existed.
   */
  applicationVersion: z.number().int().optional(),
  awards: z.array(memberAward),
})
export type DelegationDoc = z.infer<typeof delegationDoc>

/**
 * Folds the edition's application events into one applicant's document. The
 * edition's stream holds `application.submitted` before any decision or award on it.
 *
 * @example evolveDelegation(undefined, submitted)?.status // 'submitted'
 */
export const evolveDelegation = (
  doc: DelegationDoc | undefined,
  event: FeedEvent,
): DelegationDoc | undefined => {
  if (event.type === 'application.submitted') {
    if (doc !== undefined) return doc
    const { applicationId, editionId, startupId, startupName, territory, themes } = event.data
    return {
      editionId,
      startupId,
      applicationId,
      startupName,
      territory,
      themes,
      status: 'submitted',
      submittedAt: occurredAt(event),
      applicationVersion: event.version,
      awards: [],
    }
  }
  if (doc === undefined) return undefined
  switch (event.type) {
    case 'application.selected':
    case 'application.rejected':
    case 'application.withdrawn':
      return {
        ...doc,
        status: statusAfter[event.type],
        decidedAt: occurredAt(event),
        applicationVersion: event.version,
      }
    case 'award.won': {
      const { awardId, award, category } = event.data
      if (doc.awards.some((known) => known.awardId === awardId)) return doc
      const won = { awardId, award, category, wonAt: occurredAt(event) }
      return { ...doc, awards: [...doc.awards, won] }
    }
    default:
      return doc
  }
}

/** `delegation#<editionId>/<startupId>`: `GET /reports/editions/{editionId}/delegation`. */
export const delegationProjection: Projection<DelegationDoc> = {
  name: projectionNames.delegation,
  eventTypes: [...applicationEventTypes, 'award.won'],
  keysOf: (event) =>
    'editionId' in event.data && 'startupId' in event.data
      ? [{ collection: collections.delegation(event.data.editionId), id: event.data.startupId }]
      : [],
  evolve: (doc, event) => evolveDelegation(doc, event),
}
