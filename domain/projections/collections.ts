import type { DocKey, FeedEvent } from './projection.js'

/**
 * The read models' collection names, written once: the projections write to them and
 * the reports read them. Each collection is one DynamoDB partition per generation, so
 * every report is a key lookup or a Query of one of these, never a Scan.
 *
 * @example collections.delegation('ces-2020') // 'delegation#ces-2020'
 */
export const collections = {
  /** One document per edition (id = editionId): counts and breakdowns. */
  editionSummary: 'edition-summary',
  /** One document per applicant (id = startupId); the members have `status: 'selected'`. */
  delegation: (editionId: string) => `delegation#${editionId}`,
  /** One document per start-up (id = startupId). */
  startups: 'startups',
  /** Index entries (id = startupId) to list the directory by territory, theme or edition. */
  startupsByTerritory: (territory: string) => `startups-by-territory#${territory}`,
  startupsByTheme: (theme: string) => `startups-by-theme#${theme}`,
  startupsByEdition: (editionId: string) => `startups-by-edition#${editionId}`,
  /** One document per edition (id = editionId) holding its awards. */
  awards: 'awards',
  /** One document per partner of the programme (id = partnerId). */
  partners: 'partners',
  /** One document per partner of the edition (id = partnerId). */
  editionPartners: (editionId: string) => `partners#${editionId}`,
  /** One row per edition (id = editionId) for the year-over-year view. */
  history: 'history',
  /** One document per edition (id = editionId): its members' outcomes; staff only. */
  editionOutcomes: 'edition-outcomes',
  /** One document per calendar year (id = the year): Team Sud Export's figures. */
  exportFigures: 'export-figures',
  /** One document per start-up (id = startupId): its held applications' ids; staff only. */
  heldApplications: 'held-applications',
} as const

/** The projections' names: the projector keeps one checkpoint (freshness) per name. */
export const projectionNames = {
  editionSummary: 'edition-summary',
  delegation: 'delegation',
  startupDirectory: 'startup-directory',
  awards: 'awards',
  partners: 'partners',
  history: 'history',
  outcomes: 'outcomes',
  exportFigures: 'export-figures',
  heldApplications: 'held-applications',
} as const

/**
 * Keys an edition-keyed collection (one document per edition) by the event's edition.
 *
 * @example byEdition(collections.history)(closed) // [{ collection: 'history', id: 'ces-2020' }]
 */
export const byEdition =
  (collection: string) =>
  (event: FeedEvent): DocKey[] =>
    'editionId' in event.data ? [{ collection, id: event.data.editionId }] : []
