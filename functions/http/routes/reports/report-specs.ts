import { createRoute, z } from '@hono/zod-openapi'
import { slug } from '../../../../domain/events/index.js'
import { documented } from '../../../shared/http/documented.js'
import { reportContent, reportProblems } from './respond.js'
import {
  awardsReport,
  delegationReport,
  editionReport,
  historyReport,
  partnersReport,
} from '../../../queries/schemas.js'

/** The reports' OpenAPI entries, kept apart from their handlers (report-routes.ts). */

const secured = { tags: ['Reports'], security: [{ bearer: [] }] }
const editionFilter = z.object({
  editionId: documented(slug, { example: 'ces-2019', description: 'One edition only' }).optional(),
})
const editionParams = z.object({ editionId: documented(slug, { example: 'ces-2020' }) })

/** `GET <path>` (JSON or CSV) and `GET <path>.csv` (CSV): the same report, `<operationId>Csv`. */
export const pair = <Request extends object>(
  operationId: string,
  path: string,
  summary: string,
  schema: z.ZodType,
  request: Request,
) => {
  const responses = { 200: reportContent(schema, summary), ...reportProblems }
  return {
    plain: createRoute({
      method: 'get',
      path,
      operationId,
      summary,
      description: `JSON, or CSV with \`Accept: text/csv\` or at \`${path}.csv\`.`,
      ...secured,
      request,
      responses,
    }),
    csv: createRoute({
      method: 'get',
      path: `${path}.csv`,
      operationId: `${operationId}Csv`,
      summary: `${summary} (CSV)`,
      ...secured,
      request,
      responses,
    }),
  }
}

/** An edition id (the domain's slug), or one followed by `.csv`. */
const editionOrCsv = z
  .string()
  .refine((value) => slug.safeParse(value.replace(/\.csv$/, '')).success, {
    message: 'must be an edition id such as ces-2020, or one followed by .csv',
  })
  .openapi({ example: 'ces-2020', description: 'Add `.csv` for the CSV download' })

export const reportRoutes = {
  edition: createRoute({
    method: 'get',
    path: '/reports/editions/{editionId}',
    operationId: 'getEditionReport',
    summary: "An edition's summary: applications, decisions, awards, partners, breakdowns",
    description: 'JSON, or CSV (a row per breakdown) with `Accept: text/csv` or `{editionId}.csv`.',
    ...secured,
    request: { params: z.object({ editionId: editionOrCsv }) },
    responses: { 200: reportContent(editionReport, 'The summary'), ...reportProblems },
  }),
  delegation: pair(
    'getDelegationReport',
    '/reports/editions/{editionId}/delegation',
    "An edition's delegation: the selected start-ups (not withdrawn) and their awards",
    delegationReport,
    { params: editionParams },
  ),
  awards: pair(
    'getAwardsReport',
    '/reports/awards',
    'The awards won, per edition or for every edition',
    awardsReport,
    { query: editionFilter },
  ),
  partners: pair(
    'getPartnersReport',
    '/reports/partners',
    "The programme's partners, or one edition's",
    partnersReport,
    { query: editionFilter },
  ),
  history: pair(
    'getHistoryReport',
    '/reports/history',
    "The programme's history, edition by edition and year by year",
    historyReport,
    {},
  ),
}
