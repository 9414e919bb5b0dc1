import { createRoute, z } from '@hono/zod-openapi'
import { partnerStreamId } from '../../../domain/partner/index.js'
import { partnerAccessProblems } from '../../partner-access/problems.js'
import { PartnerUserExistsError } from '../../partner-access/users/partner-users.js'
import { authorize } from '../auth/authorize.js'
import type { ApiDeps } from '../deps.js'
import { apiProblems } from '../problems.js'
import { newRouter } from '../router.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const params = z.object({ partnerId: z.string().min(1).max(64).openapi({ example: 'nice-cote-d-azur' }) })
const tags = ['Partner access']
const security = [{ bearer: [] }]

const partnerUser = z
  .object({
    email: z.string(),
    partnerId: z.string(),
    status: z.string().openapi({ description: 'FORCE_CHANGE_PASSWORD until the first sign-in, then CONFIRMED' }),
    enabled: z.boolean(),
    createdAt: z.string().optional(),
  })
  .openapi('PartnerUser')

const invite = createRoute({
  method: 'post',
  path: '/partners/{partnerId}/users',
  operationId: 'invitePartnerUser',
  summary: 'Invite one of a partner’s people to the portal: an account bound to that partner (staff)',
  description:
    'Creates the account in the user pool with a temporary password, sent to the address by ' +
    'the pool’s invitation e-mail, in the `partner` group and the partner’s own ' +
    '`partner:<partnerId>` group. An address that already has an account is refused (409).',
  tags,
  security,
  request: {
    params,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ email: z.email().max(254) }).strict() } },
    },
  },
  responses: { 201: jsonContent(partnerUser, 'Invited'), ...commandProblems },
})

const list = createRoute({
  method: 'get',
  path: '/partners/{partnerId}/users',
  operationId: 'listPartnerUsers',
  summary: 'A partner’s people who may sign in to the portal (staff)',
  tags,
  security,
  request: { params },
  responses: { 200: jsonContent(z.object({ users: z.array(partnerUser) }), 'Its users'), ...commandProblems },
})

// Cognito's own refusals of a busy caller: nothing was done, try again.
const busyNames = new Set(['TooManyRequestsException', 'LimitExceededException'])
const translated = (error: unknown): unknown => {
  if (error instanceof PartnerUserExistsError) return partnerAccessProblems.partnerUserExists()
  if (error instanceof Error && busyNames.has(error.name)) return apiProblems.unavailable()
  return error
}

/**
 * Staff invite a partner's people to the portal and see who has an account
 * (partner-access/users: the user pool in AWS, a stand-in under `npm start`).
 *
 * @example app.route('/', partnerUserRoutes(deps))
 */
export const partnerUserRoutes = (deps: ApiDeps) => {
  const router = newRouter()
  router.use('/partners/:partnerId/users', authorize(deps.verifier, ['admin']))
  return router
    .openapi(invite, async (c) => {
      const { partnerId } = c.req.valid('param')
      const { email } = c.req.valid('json')
      if ((await deps.store.streamVersion(partnerStreamId(partnerId))) === 0) {
        throw partnerAccessProblems.partnerNotFound(partnerId)
      }
      const user = await deps.partnerUsers.invite({ partnerId, email: email.toLowerCase() }).catch((error: unknown) => {
        throw translated(error)
      })
      c.header('Cache-Control', 'no-store')
      return c.json(user, 201)
    })
    .openapi(list, async (c) => {
      const { partnerId } = c.req.valid('param')
      const users = await deps.partnerUsers.list(partnerId).catch((error: unknown) => {
        throw translated(error)
      })
      return c.json({ users }, 200)
    })
}
