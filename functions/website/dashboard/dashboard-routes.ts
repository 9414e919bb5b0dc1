import { Hono } from 'hono'
import { loadEditionReport } from '../../queries/edition-report.js'
import { loadHistory } from '../../queries/history-report.js'
import { loadExportFigures } from '../../queries/export-report.js'
import { loadOutcomes } from '../../queries/outcomes-report.js'
import { pageContext } from '../layout.js'
import { staffSession, type StaffEnv } from '../staff/session.js'
import type { StaffPagesDeps } from '../staff/staff-routes.js'
import { dashboardPage } from './dashboard-page.js'

/**
 * `GET /staff/dashboard[?edition=ces-2020]`, for staff and reporting accounts: the
 * history and one edition's breakdowns (by default the latest edition with applications),
 * from the same read models as `GET /reports/history` and `GET /reports/editions/{id}`.
 *
 * @example app.route('/', dashboardRoutes({ deps, request, assets, staffLogin }))
 */
export const dashboardRoutes = ({ deps, assets }: StaffPagesDeps) =>
  new Hono<StaffEnv>().get('/staff/dashboard', staffSession(deps.verifier, assets, ['reports']), async (c) => {
    const history = await loadHistory(deps.readModels)
    const asked = c.req.query('edition')
    const latest = [...history.editions].reverse().find((row) => row.applications > 0) ?? history.editions.at(-1)
    const editionId = history.editions.some((row) => row.editionId === asked) ? asked : latest?.editionId
    const [edition, outcomes, exportFigures] = await Promise.all([
      editionId ? loadEditionReport(deps.readModels, editionId) : undefined,
      loadOutcomes(deps.readModels),
      loadExportFigures(deps.readModels),
    ])
    return c.html(dashboardPage(pageContext(c, assets), c.var.principal, { history, edition, brought: { outcomes, exportFigures } }))
  })
