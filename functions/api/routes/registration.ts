import { createRoute, z } from '@hono/zod-openapi'
import { editionDecider, editionStreamId } from '../../../domain/edition/index.js'
import { initialStartupState, startupDecider, startupStreamId } from '../../../domain/startup/index.js'
import { applicationGuardId, siretGuardId } from '../../store/guard-ids.js'
import type { Guard, StreamAppend } from '../../store/event-store.js'
import { commit } from '../commands/commit.js'
import { effectiveTime } from '../commands/history.js'
import { load } from '../commands/load.js'
import { newWithdrawalToken } from '../commands/withdrawal-token.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { registrationBody, registrationForm } from '../schemas/requests.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const submitted = z
  .object({
    applicationId: z.string(),
    startupId: z.string(),
    status: z.literal('submitted'),
    withdrawalToken: z.string().openapi({ description: 'Keep it: it lets the start-up withdraw its application' }),
  })
  .openapi('ApplicationSubmitted')

const route = createRoute({
  method: 'post',
  path: '/editions/{editionId}/applications',
  summary: "A start-up applies to an edition (the registration form)",
  description:
    'Accepts JSON or a plain HTML form (`startup[name]=…`). A start-up already registered with the ' +
    'same SIRET applies under its existing id. Send an `Idempotency-Key` to make retries safe.',
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
  newRouter().openapi({ ...route, middleware: routeGuards(deps).public }, async (c) => {
    const { editionId } = c.req.valid('param')
    const isForm = (c.req.header('Content-Type') ?? '').includes('application/x-www-form-urlencoded')
    const { startup, contact, pitch, occurredAt } = isForm ? c.req.valid('form') : c.req.valid('json')
    const now = effectiveTime(c, occurredAt, deps.clock)
    const applicationId = deps.newId()
    const withdrawal = newWithdrawalToken()
    const editionStream = editionStreamId(editionId)

    return commit(
      c,
      deps,
      async () => {
        // One registration per SIRET: a known start-up applies under its id. Two first
        // applications racing both miss the guard; the loser's transaction fails on it
        // and commit() runs this again, which then finds the winner's id.
        const holder = await deps.store.findGuard(siretGuardId(startup.siret))
        const startupId = typeof holder?.startupId === 'string' ? holder.startupId : deps.newId()
        const edition = await load(deps.store, editionStream, editionDecider)
        const events = editionDecider.decide(
          {
            type: 'SubmitApplication',
            editionId,
            applicationId,
            startupId,
            startupName: startup.name,
            territory: startup.territory,
            themes: startup.themes,
            pitch,
            contact,
            now,
          },
          edition.state,
        )
        const appends: StreamAppend[] = [{ streamId: editionStream, expectedVersion: edition.version, events }]
        const guards: Guard[] = [
          { guardId: applicationGuardId(applicationId), data: { editionId, startupId, withdrawalTokenHash: withdrawal.hash } },
        ]
        if (!holder) {
          const registered = startupDecider.decide({ type: 'RegisterStartup', startupId, ...startup, contact, now }, initialStartupState)
          appends.unshift({ streamId: startupStreamId(startupId), expectedVersion: 0, events: registered })
          guards.push({ guardId: siretGuardId(startup.siret), data: { startupId } })
        }
        return {
          appends,
          guards,
          response: {
            status: 201,
            body: { applicationId, startupId, status: 'submitted' as const, withdrawalToken: withdrawal.token },
            headers: { ETag: `"${edition.version + events.length}"` },
          },
        }
      },
      { occurredAt },
    )
  })
