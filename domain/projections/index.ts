import { awardsProjection } from './awards.js'
import { delegationProjection } from './delegation.js'
import { editionSummaryProjection } from './edition-summary.js'
import { exportFiguresProjection } from './export-figures.js'
import { heldApplicationsProjection } from './held-applications.js'
import { historyProjection } from './history.js'
import { outcomesProjection } from './outcomes.js'
import { partnersProjection } from './partners.js'
import type { Projection } from './projection.js'
import { startupDirectoryProjection } from './startup-directory.js'

export * from './awards.js'
export * from './collections.js'
export * from './delegation.js'
export * from './edition-summary.js'
export * from './export-figures.js'
export * from './export-summary.js'
export * from './held-applications.js'
export * from './history.js'
export * from './outcomes.js'
export * from './outcomes-summary.js'
export * from './partners.js'
export type * from './projection.js'
export * from './startup-directory.js'
export * from './startup-index.js'
export * from './tally.js'

/**
 * The read models the projector keeps, each with its own checkpoint (its name).
 *
 * @example runProjections({ feed, store, projections, batchSize: 100 })
 */
export const projections: readonly Projection[] = [
  editionSummaryProjection,
  delegationProjection,
  startupDirectoryProjection,
  awardsProjection,
  partnersProjection,
  historyProjection,
  outcomesProjection,
  exportFiguresProjection,
  heldApplicationsProjection,
]
