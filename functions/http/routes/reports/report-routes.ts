import type { Context } from 'hono'
import { editionErrors } from '../../../../domain/edition/errors.js'
import { authorize } from '../../auth/authorize.js'
import type { TokenVerifier } from '../../../shared/http/token-verifier.js'
import { newRouter } from '../../router.js'
import { awardsTable, loadAwards } from '../../../queries/awards-report.js'
import type { Table } from '../../../queries/csv.js'
import { delegationTable, loadDelegation } from '../../../queries/delegation-report.js'
import { editionTable, loadEditionReport } from '../../../queries/edition-report.js'
import { historyTable, loadHistory } from '../../../queries/history-report.js'
import { loadPartners, partnersTable } from '../../../queries/partners-report.js'
import type { ReadModelReader } from '../../../queries/read-model-reader.js'
import { csvResponse, currentToHeader, wantsCsv } from './respond.js'
import { reportRoutes as routes } from './report-specs.js'

export interface ReportDeps {
  readonly verifier: TokenVerifier
  readonly readModels: ReadModelReader
}

/**
 * The same answer as JSON or as CSV (named `name.csv`), with the position it is
 * current to in a header either way.
 */
export const answer = <Report extends { currentTo: number }, Row>(
  c: Context,
  report: Report,
  csv: { wanted: boolean; table: (report: Report) => Table<Row>; name: string },
) =>
  csv.wanted
    ? csvResponse(c, csv.table(report), csv.name, report.currentTo)
    : c.json(report, 200, { [currentToHeader]: String(report.currentTo) })

/**
 * `GET /reports/…` (a `reports` or `admin` token): an edition's summary and delegation,
 * the awards, the partners and the programme's history, from the read models.
 *
 * @example app.route('/', reportRoutes({ verifier, readModels }))
 */
export const reportRoutes = ({ verifier, readModels }: ReportDeps) => {
  const middleware = [authorize(verifier, ['reports'])]
  const delegation = async (c: Context, editionId: string, suffix: boolean) => {
    const report = await loadDelegation(readModels, editionId)
    if (report === undefined) throw editionErrors.notFound(editionId)
    const name = `${editionId}-delegation`
    return answer(c, report, { wanted: wantsCsv(c, suffix), table: delegationTable, name })
  }
  const awards = async (c: Context, editionId: string | undefined, suffix: boolean) => {
    const report = await loadAwards(readModels, { editionId })
    if (report === undefined) throw editionErrors.notFound(editionId ?? '')
    const name = editionId ? `${editionId}-awards` : 'awards'
    return answer(c, report, { wanted: wantsCsv(c, suffix), table: awardsTable, name })
  }
  const partners = async (c: Context, editionId: string | undefined, suffix: boolean) => {
    const report = await loadPartners(readModels, { editionId })
    if (report === undefined) throw editionErrors.notFound(editionId ?? '')
    const name = editionId ? `${editionId}-partners` : 'partners'
    return answer(c, report, { wanted: wantsCsv(c, suffix), table: partnersTable, name })
  }
  const history = async (c: Context, suffix: boolean) => {
    const report = await loadHistory(readModels)
    return answer(c, report, { wanted: wantsCsv(c, suffix), table: historyTable, name: 'history' })
  }
  return newRouter()
    .openapi({ ...routes.edition, middleware }, async (c) => {
      const param = c.req.valid('param').editionId
      const suffix = param.endsWith('.csv')
      const editionId = suffix ? param.slice(0, -'.csv'.length) : param
      const report = await loadEditionReport(readModels, editionId)
      if (report === undefined) throw editionErrors.notFound(editionId)
      const csv = { wanted: wantsCsv(c, suffix), table: editionTable, name: editionId }
      return answer(c, report, csv)
    })
    .openapi({ ...routes.delegation.plain, middleware }, (c) =>
      delegation(c, c.req.valid('param').editionId, false),
    )
    .openapi({ ...routes.delegation.csv, middleware }, (c) =>
      delegation(c, c.req.valid('param').editionId, true),
    )
    .openapi({ ...routes.awards.plain, middleware }, (c) =>
      awards(c, c.req.valid('query').editionId, false),
    )
    .openapi({ ...routes.awards.csv, middleware }, (c) =>
      awards(c, c.req.valid('query').editionId, true),
    )
    .openapi({ ...routes.partners.plain, middleware }, (c) =>
      partners(c, c.req.valid('query').editionId, false),
    )
    .openapi({ ...routes.partners.csv, middleware }, (c) =>
      partners(c, c.req.valid('query').editionId, true),
    )
    .openapi({ ...routes.history.plain, middleware }, (c) => history(c, false))
    .openapi({ ...routes.history.csv, middleware }, (c) => history(c, true))
}
