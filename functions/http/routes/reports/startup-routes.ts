import { createRoute, z } from '@hono/zod-openapi'
import { editionErrors } from '../../../../domain/edition/errors.js'
import { slug } from '../../../../domain/events/index.js'
import { territorySlug } from '../../../../domain/shared/territories.js'
import { startupErrors } from '../../../../domain/startup/errors.js'
import { authorize } from '../../auth/authorize.js'
import { newRouter } from '../../router.js'
import type { ReportDeps } from './report-routes.js'
import { currentToHeader, jsonReportContent, reportProblems } from './respond.js'
import { listStartups, loadStartup } from '../../../queries/startup-directory.js'
import { startupPage, startupsPage } from '../../../queries/startup-schemas.js'

const secured = { tags: ['Start-ups'], security: [{ bearer: [] }] }

const listRoute = createRoute({
  method: 'get',
  path: '/startups',
  operationId: 'listStartups',
  summary: 'The start-up directory, filtered by territory, theme or edition, a page at a time',
  description:
    'Each filter reads its own index. Combined filters sift the page the first one ' +
    '(edition, then territory, then theme) reads, so a page may hold fewer than `limit` ' +
    'start-ups: follow `next` until it is absent.',
  ...secured,
  request: {
    query: z.object({
      territory: territorySlug.optional(),
      theme: slug.optional().openapi({ example: 'environment' }),
      editionId: slug
        .optional()
        .openapi({ example: 'ces-2020', description: 'Start-ups that applied to it' }),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.string().min(1).max(500).optional(),
    }),
  },
  responses: { 200: jsonReportContent(startupsPage, 'One page of start-ups'), ...reportProblems },
})

const pageRoute = createRoute({
  method: 'get',
  path: '/startups/{startupId}',
  operationId: 'getStartup',
  summary: "A start-up's page: what it registered, its applications and its awards",
  ...secured,
  request: { params: z.object({ startupId: z.string().min(1).max(100) }) },
  responses: { 200: jsonReportContent(startupPage, 'The start-up'), ...reportProblems },
})

/**
 * `GET /startups` and `GET /startups/{startupId}` (a `reports` or `admin` token).
 *
 * @example app.route('/', startupRoutes({ verifier, readModels }))
 */
export const startupRoutes = ({ verifier, readModels }: ReportDeps) => {
  const middleware = [authorize(verifier, ['reports'])]
  return newRouter()
    .openapi({ ...listRoute, middleware }, async (c) => {
      const { territory, theme, editionId, limit, cursor } = c.req.valid('query')
      const filters = { territory, theme, editionId }
      const page = await listStartups(readModels, filters, { limit, cursor })
      if (page === undefined) throw editionErrors.notFound(editionId ?? '')
      return c.json(page, 200, { [currentToHeader]: String(page.currentTo) })
    })
    .openapi({ ...pageRoute, middleware }, async (c) => {
      const { startupId } = c.req.valid('param')
      const page = await loadStartup(readModels, startupId)
      if (page === undefined) throw startupErrors.notFound(startupId)
      return c.json(page, 200, { [currentToHeader]: String(page.currentTo) })
    })
}
