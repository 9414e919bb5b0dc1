import { createRoute, z } from '@hono/zod-openapi'
import { handleCommand } from '../../commands/handle-command.js'
import { recordExportFigures } from '../../commands/team-sud-export.js'
import { prospectionBody, supportBody } from '../../contract/outcome-requests.js'
import { answer, commandContextOf } from '../commands.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const recorded = z
  .object({
    recordId: z.string(),
    kind: z.enum(['prospection', 'support']),
    year: z.number().int(),
    corrects: z.string().optional(),
  })
  .openapi('ExportRecorded', { description: 'The ETag is the version of the records of this kind and year' })

const problems = {
  ...commandProblems,
  404: { ...commandProblems[404], description: 'The record a correction names does not exist' },
  409: {
    ...commandProblems[409],
    description: 'The record id is taken, the corrected record was corrected already, or another record counts the same breakdown over some of these days',
  },
  422: { ...commandProblems[422], description: 'The period is not over, spans two years or is no calendar; a row is repeated, not foreign, or the record is empty' },
}

const recordRoute = <Body extends typeof prospectionBody | typeof supportBody>(path: string, operationId: string, summary: string, schema: Body) =>
  createRoute({
    method: 'post',
    path,
    operationId,
    summary,
    description:
      'For a period gone by within one calendar year. A correction (`corrects`) replaces a record whole, for the same period; ' +
      'no two live records may count the same breakdown over the same days.',
    tags: ['Team Sud Export'],
    security: [{ bearer: [] }],
    request: { body: { required: true, content: { 'application/json': { schema } } } },
    responses: { 201: jsonContent(recorded, 'Recorded'), ...problems },
  })

const prospectionRoute = recordRoute(
  '/team-sud-export/prospection',
  'recordProspection',
  'Record the foreign companies Team Sud Export prospected over a period, by country and sector (staff)',
  prospectionBody,
)
const supportRoute = recordRoute(
  '/team-sud-export/support',
  'recordSupport',
  'Record the regional companies Team Sud Export supported over a period, by territory (staff)',
  supportBody,
)

/** `POST /team-sud-export/prospection` and `…/support` (staff): Team Sud Export's figures. */
export const teamSudExportRoutes = (deps: ApiDeps) => {
  const guards = routeGuards(deps)
  return newRouter()
    .openapi({ ...prospectionRoute, middleware: guards.admin }, async (c) => {
      const { occurredAt, corrects, ...record } = c.req.valid('json')
      const context = commandContextOf(c, deps.clock, occurredAt)
      const request = { type: 'RecordProspection' as const, ...record, ...(corrects === undefined ? {} : { corrects }) }
      return answer(c, await handleCommand(deps, recordExportFigures(request, context), context), 201)
    })
    .openapi({ ...supportRoute, middleware: guards.admin }, async (c) => {
      const { occurredAt, corrects, ...record } = c.req.valid('json')
      const context = commandContextOf(c, deps.clock, occurredAt)
      const request = { type: 'RecordSupport' as const, ...record, ...(corrects === undefined ? {} : { corrects }) }
      return answer(c, await handleCommand(deps, recordExportFigures(request, context), context), 201)
    })
}
