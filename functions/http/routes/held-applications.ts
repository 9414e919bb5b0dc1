import { createRoute, z } from '@hono/zod-openapi'
import { applicationDecider, applicationErrors } from '../../../domain/application/index.js'
import { editionDecider } from '../../../domain/edition/index.js'
import { heldApplicationGuardId } from '../../store/guard-ids.js'
import { applicationGuard, parseApplicationGuard } from '../../store/application-guard.js'
import { editionLifecycle } from '../../commands/edition-lifecycle.js'
import { handleCommand, type CommandOutcome } from '../../commands/handle-command.js'
import { effectiveTime } from '../../commands/history.js'
import type { ApiDeps } from '../deps.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { confirmationBody } from '../schemas/requests.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const confirmed = z
  .object({ applicationId: z.string(), status: z.enum(['submitted', 'dismissed']) })
  .openapi('HeldApplicationOutcome')
type Outcome = z.infer<typeof confirmed>

const route = createRoute({
  method: 'post',
  path: '/applications/{applicationId}/confirmation',
  operationId: 'confirmHeldApplication',
  summary: 'Confirm or dismiss a held application (staff)',
  description:
    'An application for a registered start-up from a contact person it did not register is held: ' +
    'it is not the start-up’s and counts for nothing until staff confirm it. Confirming submits it ' +
    '(and takes the start-up’s one application to the edition: 409 `already-applied` if the start-up ' +
    'has applied meanwhile); dismissing ends it. The ETag is the application’s version.',
  tags: ['Applications'],
  security: [{ bearer: [] }],
  request: {
    params: z.object({ applicationId: z.string().min(1).max(100) }),
    body: { required: true, content: { 'application/json': { schema: confirmationBody } } },
  },
  responses: {
    200: jsonContent(confirmed, 'Confirmed (submitted) or dismissed'),
    ...commandProblems,
  },
})

/** `POST /applications/{id}/confirmation` (staff): the end of a held application. */
export const heldApplicationRoutes = (deps: ApiDeps) =>
  newRouter().openapi({ ...route, middleware: routeGuards(deps).admin }, async (c) => {
    const { applicationId } = c.req.valid('param')
    const { outcome, reason, occurredAt } = c.req.valid('json')
    const now = effectiveTime(c, occurredAt, deps.clock)
    const command =
      outcome === 'confirmed'
        ? { type: 'ConfirmApplication' as const, applicationId, now }
        : { type: 'DismissApplication' as const, applicationId, now, ...(reason ? { reason } : {}) }
    return handleCommand(c, deps, {
      aggregate: applicationDecider,
      id: applicationId,
      status: 200,
      occurredAt,
      async decide(own): Promise<CommandOutcome<Outcome>> {
        if (own.state.status === 'absent') throw applicationErrors.notFound(applicationId)
        const { editionId, startupId } = own.state
        const edition = await deps.aggregates.load(editionDecider, editionId, { reuse: 'cached' })
        const events = applicationDecider.decide(command, own.state, { edition: edition.state })
        if (command.type === 'DismissApplication')
          return { events, body: { applicationId, status: 'dismissed' } }
        // Confirmed, it is the start-up's one application to the edition, withdrawn with the
        // token its contact person got when applying.
        const held = parseApplicationGuard(
          await deps.store.findGuard(heldApplicationGuardId(applicationId)),
        )
        if (!held) throw new Error(`Held application ${applicationId} has no guard`)
        return {
          events,
          counters: [editionLifecycle(editionId, edition)],
          guards: [
            {
              ...applicationGuard(editionId, startupId, held),
              refusal: (holder) =>
                applicationErrors.alreadyApplied(
                  editionId,
                  startupId,
                  parseApplicationGuard(holder)?.applicationId ?? '',
                ),
            },
          ],
          body: { applicationId, status: 'submitted' },
        }
      },
    })
  })
