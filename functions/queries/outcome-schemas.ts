import { z } from '@hono/zod-openapi'
import { exportSummary, outcomesSummary } from '../../domain/projections/index.js'
import { currentTo } from './schemas.js'

/**
 * The answers of the outcomes and Team Sud Export reports, documented in OpenAPI from the
 * domain's summaries: aggregates only, never a member's own figures.
 */

const minimumContributors = z.number().int().openapi({
  description: 'A figure fewer members than this contributed to is withheld (null): it would be one member’s own',
})

export const editionOutcomesReport = z
  .object({ currentTo, minimumContributors, ...outcomesSummary.shape })
  .openapi('EditionOutcomesReport')
export type EditionOutcomesReport = z.infer<typeof editionOutcomesReport>

export const outcomesReport = z
  .object({ currentTo, minimumContributors, editions: z.array(outcomesSummary) })
  .openapi('OutcomesReport')
export type OutcomesReport = z.infer<typeof outcomesReport>

export const exportFiguresReport = z.object({ currentTo, ...exportSummary.shape }).openapi('TeamSudExportReport')
export type ExportFiguresReport = z.infer<typeof exportFiguresReport>
