import { createRoute, z } from '@hono/zod-openapi'
import { handleCommand } from '../../commands/handle-command.js'
import { submitApplication } from '../../commands/submit-application.js'
import { bodyRequired } from '../body-required.js'
import { answer, commandContextOf } from '../commands.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { registrationBody, registrationForm } from '../../contract/requests.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const submitted = z
  .object({
    applicationId: z.string(),
    startupId: z.string(),
    status: z.enum(['received', 'submitted', 'held']).openapi({
      description:
        'To the public always `received`: whether the application is the start-up’s or waits for ' +
        'staff (`held`: its contact is not one the start-up registered, or the start-up has applied ' +
        'already) is said to the start-up’s registered contact, never to whoever knows its SIRET. ' +
        'Staff (importing history) get `submitted` or `held`',
    }),
    withdrawalToken: z.string().optional().openapi({
      description:
        'Keep it: it lets the start-up withdraw its application. A replay (`Idempotent-Replayed: true`) ' +
        'gives it again only for an `Idempotency-Key` of 22 characters or more (it is kept sealed under the key)',
    }),
  })
  .openapi('ApplicationSubmitted')

const route = createRoute({
  method: 'post',
  path: '/editions/{editionId}/applications',
  operationId: 'submitApplication',
  security: [],
  summary: "A start-up applies to an edition (the registration form)",
  description:
    'Accepts JSON or a plain HTML form (`startup[name]=…`). A start-up already registered with the ' +
    'same SIRET applies under its existing id; if the contact person is not one the start-up ' +
    'registered (e-mail compared case-insensitively), or the start-up has applied to the edition ' +
    'already, the application is held until staff confirm it, and the start-up’s record is left as ' +
    'it was; the answer is the same `received` either way. Send an `Idempotency-Key` to make retries safe. ' +
    'The ETag is the application’s version.',
  tags: ['Applications'],
  request: {
    params: z.object({ editionId: z.string().min(1).max(64).openapi({ example: 'ces-2020' }) }),
    body: {
      required: false,
      content: {
        'application/json': { schema: registrationBody },
        'application/x-www-form-urlencoded': { schema: registrationForm },
      },
    },
  },
  responses: { 201: jsonContent(submitted, 'The application is recorded'), ...commandProblems },
})

/** `POST /editions/{editionId}/applications`: public, from JS and plain HTML forms alike. */
export const registrationRoutes = (deps: ApiDeps) =>
  newRouter().openapi({ ...route, middleware: [...routeGuards(deps).public, bodyRequired()] }, async (c) => {
    const { editionId } = c.req.valid('param')
    const isForm = (c.req.header('Content-Type') ?? '').includes('application/x-www-form-urlencoded')
    const { occurredAt, ...application } = isForm ? c.req.valid('form') : c.req.valid('json')
    const context = commandContextOf(c, deps.clock, occurredAt)
    const handled = await handleCommand(deps, submitApplication(deps, { editionId, ...application }, context), context)
    // Whether it is held says whose contact the caller named: for the start-up's contact and staff only.
    const result = context.actor.kind === 'staff' ? handled.result : { ...handled.result, status: 'received' as const }
    return answer(c, { ...handled, result }, 201, { Location: `/applications/${handled.result.applicationId}` })
  })
