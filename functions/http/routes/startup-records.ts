import { createRoute, z } from '@hono/zod-openapi'
import { handleCommand } from '../../commands/handle-command.js'
import { correctStartupProfile, recoverStartup } from '../../commands/startups.js'
import { profileCorrectionBody, recoveryBody } from '../../contract/requests.js'
import { answer, commandContextOf } from '../commands.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const startupParams = z.object({ startupId: z.string().min(1).max(100) })
const changed = z
  .object({
    startupId: z.string(),
    republished: z.boolean().openapi({ description: 'Whether partners, who had the start-up’s profile, were sent it again' }),
  })
  .openapi('StartupRecordChanged')

const correctionRoute = createRoute({
  method: 'post',
  path: '/startups/{startupId}/profile-correction',
  operationId: 'correctStartupProfile',
  summary: 'Correct a start-up’s profile or contact person (staff), with the reason',
  description:
    'Only what differs is recorded. A start-up whose profile partners received (it has been selected) ' +
    'is published to them again; the contact never leaves. The ETag is the start-up record’s version.',
  tags: ['Start-ups'],
  security: [{ bearer: [] }],
  request: { params: startupParams, body: { required: true, content: { 'application/json': { schema: profileCorrectionBody } } } },
  responses: { 200: jsonContent(changed, 'Corrected'), ...commandProblems },
})

const recoveryRoute = createRoute({
  method: 'post',
  path: '/startups/{startupId}/recovery',
  operationId: 'recoverStartup',
  summary: 'Recover a start-up registered first by someone else (staff): its real profile and contact',
  description:
    'A SIRET is public: whoever applies first for it registers the start-up. Recovery replaces the ' +
    'registered profile and contact with the real ones and disowns the earlier contact: its applications ' +
    'can be dismissed, the real contact’s are the start-up’s. The history stays as recorded.',
  tags: ['Start-ups'],
  security: [{ bearer: [] }],
  request: { params: startupParams, body: { required: true, content: { 'application/json': { schema: recoveryBody } } } },
  responses: { 200: jsonContent(changed, 'Recovered'), ...commandProblems },
})

/** `POST /startups/{id}/profile-correction` and `POST /startups/{id}/recovery` (staff). */
export const startupRecordRoutes = (deps: ApiDeps) => {
  const guards = routeGuards(deps)
  return newRouter()
    .openapi({ ...correctionRoute, middleware: guards.admin }, async (c) => {
      const { startupId } = c.req.valid('param')
      const context = commandContextOf(c, deps.clock)
      return answer(c, await handleCommand(deps, correctStartupProfile({ startupId, ...c.req.valid('json') }, context), context), 200)
    })
    .openapi({ ...recoveryRoute, middleware: guards.admin }, async (c) => {
      const { startupId } = c.req.valid('param')
      const { language = 'fr', ...real } = c.req.valid('json')
      const context = commandContextOf(c, deps.clock)
      return answer(c, await handleCommand(deps, recoverStartup({ startupId, ...real, language }, context), context), 200)
    })
}
