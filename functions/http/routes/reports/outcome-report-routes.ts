import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { slug } from '../../../../domain/events/index.js'
import { editionErrors } from '../../../../domain/edition/errors.js'
import { exportFiguresTable, loadExportFigures } from '../../../queries/export-report.js'
import { editionOutcomesReport, exportFiguresReport, outcomesReport } from '../../../queries/outcome-schemas.js'
import { editionOutcomesTable, loadEditionOutcomes, loadOutcomes, outcomesTable } from '../../../queries/outcomes-report.js'
import { documented } from '../../../shared/http/documented.js'
import { authorize } from '../../auth/authorize.js'
import { newRouter } from '../../router.js'
import { answer, type ReportDeps } from './report-routes.js'
import { pair } from './report-specs.js'
import { wantsCsv } from './respond.js'

/** What a delegation brought back and Team Sud Export's figures: aggregates only. */
const routes = {
  edition: pair(
    'getEditionOutcomesReport',
    '/reports/editions/{editionId}/outcomes',
    "What an edition's members brought back: how many answered, totals and medians (figures of fewer than 3 members withheld)",
    editionOutcomesReport,
    { params: z.object({ editionId: documented(slug, { example: 'ces-2020' }) }) },
  ),
  outcomes: pair(
    'getOutcomesReport',
    '/reports/outcomes',
    "What each edition's members brought back, year over year (aggregates only)",
    outcomesReport,
    {},
  ),
  teamSudExport: pair(
    'getTeamSudExportReport',
    '/reports/team-sud-export',
    "Team Sud Export's cumulative figures: foreign companies prospected, regional companies supported, per year and in all",
    exportFiguresReport,
    {
      query: z.object({
        throughYear: z.coerce.number().int().min(2000).max(2100).optional().openapi({
          example: 2020,
          description: 'Count the years up to this one only',
        }),
      }),
    },
  ),
}

/**
 * `GET /reports/editions/{editionId}/outcomes`, `/reports/outcomes` and
 * `/reports/team-sud-export` (a `reports` or `admin` token), each also as CSV, each saying
 * the Feed position it is current to.
 *
 * @example app.route('/', outcomeReportRoutes({ verifier, readModels }))
 */
export const outcomeReportRoutes = ({ verifier, readModels }: ReportDeps) => {
  const middleware = [authorize(verifier, ['reports'])]
  const edition = async (c: Context, editionId: string, suffix: boolean) => {
    const report = await loadEditionOutcomes(readModels, editionId)
    if (report === undefined) throw editionErrors.notFound(editionId)
    return answer(c, report, { wanted: wantsCsv(c, suffix), table: editionOutcomesTable, name: `${editionId}-outcomes` })
  }
  const outcomes = async (c: Context, suffix: boolean) =>
    answer(c, await loadOutcomes(readModels), { wanted: wantsCsv(c, suffix), table: outcomesTable, name: 'outcomes' })
  const teamSudExport = async (c: Context, throughYear: number | undefined, suffix: boolean) => {
    const report = await loadExportFigures(readModels, { throughYear })
    const name = throughYear === undefined ? 'team-sud-export' : `team-sud-export-to-${throughYear}`
    return answer(c, report, { wanted: wantsCsv(c, suffix), table: exportFiguresTable, name })
  }
  return newRouter()
    .openapi({ ...routes.edition.plain, middleware }, (c) => edition(c, c.req.valid('param').editionId, false))
    .openapi({ ...routes.edition.csv, middleware }, (c) => edition(c, c.req.valid('param').editionId, true))
    .openapi({ ...routes.outcomes.plain, middleware }, (c) => outcomes(c, false))
    .openapi({ ...routes.outcomes.csv, middleware }, (c) => outcomes(c, true))
    .openapi({ ...routes.teamSudExport.plain, middleware }, (c) => teamSudExport(c, c.req.valid('query').throughYear, false))
    .openapi({ ...routes.teamSudExport.csv, middleware }, (c) => teamSudExport(c, c.req.valid('query').throughYear, true))
}
