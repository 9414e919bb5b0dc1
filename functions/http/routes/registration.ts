import { createRoute, z } from '@hono/zod-openapi'
import { applicationDecider, applicationErrors } from '../../../domain/application/index.js'
import { editionDecider } from '../../../domain/edition/index.js'
import { startupDecider } from '../../../domain/startup/index.js'
import { applicationGuard, heldApplicationGuard, parseApplicationGuard } from '../../store/application-guard.js'
import { editionLifecycle } from '../../commands/edition-lifecycle.js'
import { handleCommand } from '../../commands/handle-command.js'
import { effectiveTime } from '../../commands/history.js'
import { startupIdOf } from '../../commands/ids.js'
import { newWithdrawalToken } from '../../commands/withdrawal-token.js'
import { bodyRequired } from '../body-required.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { registrationBody, registrationForm } from '../schemas/requests.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const submitted = z
  .object({
    applicationId: z.string(),
    startupId: z.string(),
    status: z.enum(['submitted', 'held']).openapi({
      description:
        '`held`: the start-up is registered with other contact people, so the application waits ' +
        'for staff to confirm it is the start-up’s (until then it counts for nothing)',
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
    'registered (e-mail compared case-insensitively), the application is `held` until staff ' +
    'confirm it, and the start-up’s record is left as it was. Send an `Idempotency-Key` to make retries safe. ' +
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
    const { startup, contact, pitch, consentVersion, occurredAt } = isForm ? c.req.valid('form') : c.req.valid('json')
    const now = effectiveTime(c, occurredAt, deps.clock)
    // A new application says which wording it agreed to; staff importing history may not
    // know it, and record it as not recorded.
    if (consentVersion === undefined && occurredAt === undefined) throw applicationErrors.consentRequired()
    const consent = consentVersion === undefined ? null : { version: consentVersion, givenAt: now }
    const applicationId = deps.newId()
    const startupId = startupIdOf(startup.siret)
    const withdrawal = newWithdrawalToken()

    return handleCommand(c, deps, {
      aggregate: applicationDecider,
      id: applicationId,
      // A new UUIDv7 names no stream yet; were it taken, the append at version 0 would fail.
      reuse: 'cached-or-absent',
      status: 201,
      occurredAt,
      async decide(own) {
        // Neither is written unless absent, and each is checked by the append: the
        // edition's lifecycle as still open, the start-up's stream as created at version 1.
        // So a warm process decides from memory and the whole application is one transaction.
        const [edition, registration] = await Promise.all([
          deps.aggregates.load(editionDecider, editionId, { reuse: 'cached' }),
          deps.aggregates.load(startupDecider, startupId, { reuse: 'cached-or-absent' }),
        ])
        const submit = { type: 'SubmitApplication' as const, editionId, applicationId, startupId, startupName: startup.name }
        const { territory, themes } = startup
        const events = applicationDecider.decide({ ...submit, territory, themes, pitch, contact, consent, now }, own.state, {
          edition: edition.state,
          startup: registration.state,
        })
        const isNew = registration.state.status === 'absent'
        const tokenHeld = { applicationId, withdrawalTokenHash: withdrawal.hash }
        const held = events.some((event) => event.type === 'application.held')
        return {
          events,
          alsoAppend: isNew
            ? [
                {
                  streamId: registration.streamId,
                  expectedVersion: 0,
                  events: startupDecider.decide({ type: 'RegisterStartup', startupId, ...startup, contact, now }, registration.state, undefined),
                },
              ]
            : [],
          // Whether the contact is the start-up's was decided on its registration as read.
          unchanged: isNew ? [] : [registration],
          counters: [editionLifecycle(editionId, edition)],
          // A held application leaves the start-up's one-application guard free: someone who
          // only knows its SIRET cannot block the start-up's own application.
          guards: held
            ? [heldApplicationGuard(tokenHeld)]
            : [
                {
                  ...applicationGuard(editionId, startupId, tokenHeld),
                  // A start-up taken as new (not read: this process had not seen it) cannot hold
                  // a guard yet: it exists, so read it and decide again (it may be held).
                  refusal: (holder) =>
                    isNew ? undefined : applicationErrors.alreadyApplied(editionId, startupId, parseApplicationGuard(holder)?.applicationId ?? ''),
                },
              ],
          body: { applicationId, startupId, status: held ? ('held' as const) : ('submitted' as const), withdrawalToken: withdrawal.token },
          secretFields: ['withdrawalToken'],
          headers: { Location: `/applications/${applicationId}` },
        }
      },
    })
  })
