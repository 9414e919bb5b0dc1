import { z } from 'zod'
import { awardLevel, occurredAt } from '../events/index.js'
import { collections, projectionNames } from './collections.js'
import type { Draft, FeedEvent, Projection } from './projection.js'
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

type Application = Omit<DelegationDoc, 'editionId' | 'startupId' | 'awards'>

/**
 * An applicant's document as the projector keeps it: an award (edition stream) may reach
 * the Feed before the application it rewards (its own stream); the document then holds
 * only its awards, hidden from readers until the application comes.
 */
export type DelegationDraft = Pick<DelegationDoc, 'editionId' | 'startupId' | 'awards'> &
  Partial<Application>

const isSubmitted = (doc: DelegationDraft): doc is DelegationDoc =>
  doc.applicationId !== undefined

/**
 * Folds an applicant's events (its application's stream, and its awards from the
 * edition's) into its document, in place: O(1) per event, whatever the order between
 * those streams.
 *
 * @example evolveDelegation(undefined, submitted)?.status // 'submitted'
 */
export const evolveDelegation = (
  draft: Draft<DelegationDraft> | undefined,
  event: FeedEvent,
): DelegationDraft | undefined => {
  switch (event.type) {
    case 'application.submitted': {
      if (draft !== undefined && isSubmitted(draft)) return draft
      const { applicationId, editionId, startupId, startupName, territory, themes } = event.data
      const doc = draft ?? { editionId, startupId, awards: [] }
      const application: Application = {
        applicationId, startupName, territory, themes: [...themes], status: 'submitted',
        submittedAt: occurredAt(event), applicationVersion: event.version,
      }
      return Object.assign(doc, application)
    }
    case 'application.selected':
    case 'application.rejected':
    case 'application.withdrawn':
      if (draft === undefined || !isSubmitted(draft)) return draft
      draft.status = statusAfter[event.type]
      draft.decidedAt = occurredAt(event)
      draft.applicationVersion = event.version
      return draft
    case 'award.won': {
      const { awardId, editionId, startupId, award, category } = event.data
      const doc = draft ?? { editionId, startupId, awards: [] }
      doc.awards.push({ awardId, award, category, wonAt: occurredAt(event) })
      return doc
    }
    default:
      return draft
  }
}

/** `delegation#<editionId>/<startupId>`: `GET /reports/editions/{editionId}/delegation`. */
export const delegationProjection: Projection<DelegationDraft> = {
  name: projectionNames.delegation,
  eventTypes: [...applicationEventTypes, 'award.won'],
  keysOf: (event) =>
    'editionId' in event.data && 'startupId' in event.data
      ? [{ collection: collections.delegation(event.data.editionId), id: event.data.startupId }]
      : [],
  evolve: (draft, event) => evolveDelegation(draft, event),
  isPublic: isSubmitted,
}
