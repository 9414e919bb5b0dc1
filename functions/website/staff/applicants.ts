import {
  type ApplicationStatus,
  collections,
  delegationDoc,
  editionSummaryDoc,
  projectionNames,
} from '../../../domain/projections/index.js'
import { currentTo, type ReadModelReader, readAll, readDoc } from '../../queries/read-model-reader.js'

export interface Applicant {
  readonly applicationId: string
  readonly startupId: string
  readonly startupName: string
  readonly territory: string
  readonly themes: readonly string[]
  readonly status: ApplicationStatus
  readonly submittedAt: string
  /** The version a decision is pinned to (If-Match); undefined in a document folded before it was kept. */
  readonly version: number | undefined
}

export interface ApplicantFilter {
  readonly status?: string | undefined
  readonly territory?: string | undefined
  readonly theme?: string | undefined
}

export interface ApplicantsView {
  /** The edition as its summary says: name, whether it is open, the themes to filter on. */
  readonly edition: { readonly name: string; readonly status: 'open' | 'closed'; readonly themes: readonly string[] }
  readonly currentTo: number
  readonly total: number
  readonly applicants: readonly Applicant[]
}

/**
 * An edition's applications for the back-office, every status, from the delegation
 * projection (one document per applicant: no personal data), filtered and sorted by
 * submission. Undefined for an unknown edition.
 *
 * @example await loadApplicants(reader, 'ces-2020', { status: 'submitted' })
 */
export const loadApplicants = async (
  reader: ReadModelReader,
  editionId: string,
  filter: ApplicantFilter,
): Promise<ApplicantsView | undefined> => {
  const position = await currentTo(reader, [projectionNames.delegation])
  const edition = await readDoc(reader, collections.editionSummary, editionId, editionSummaryDoc)
  if (edition === undefined) return undefined
  const docs = await readAll(reader, collections.delegation(editionId), delegationDoc)
  const matches = docs.filter(
    (doc) =>
      (!filter.status || doc.status === filter.status) &&
      (!filter.territory || doc.territory === filter.territory) &&
      (!filter.theme || doc.themes.includes(filter.theme)),
  )
  const applicants = matches
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.startupName.localeCompare(b.startupName, 'fr'))
    .map((doc) => ({
      applicationId: doc.applicationId,
      startupId: doc.startupId,
      startupName: doc.startupName,
      territory: doc.territory,
      themes: doc.themes,
      status: doc.status,
      submittedAt: doc.submittedAt,
      version: doc.applicationVersion,
    }))
  const themes = [...new Set([...edition.themes, ...Object.keys(edition.byTheme)])].sort()
  return {
    edition: { name: edition.name, status: edition.status, themes },
    currentTo: position,
    total: docs.length,
    applicants,
  }
}
