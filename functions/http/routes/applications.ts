import { createRoute, z } from '@hono/zod-openapi'
import {
  applicationDecider,
  applicationErrors,
  seatChange,
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
} from '../../../domain/application/index.js'
import { editionDecider } from '../../../domain/edition/index.js'
import type { Loaded } from '../../store/aggregate-loader.js'
import { matchesSha256 } from '../../shared/secrets.js'
import { seatsCounterId } from '../../store/guard-ids.js'
import { withdrawalTokenHashOf } from '../../store/application-guard.js'
import { editionLifecycle } from '../../commands/edition-lifecycle.js'
import { handleCommand } from '../../commands/handle-command.js'
import { effectiveTime } from '../../commands/history.js'
import type { ApiDeps } from '../deps.js'
import { apiProblems } from '../problems.js'
import { routeGuards } from '../route-guards.js'
import { newRouter } from '../router.js'
import { decisionBody, withdrawalBody } from '../schemas/requests.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const applicationParams = z.object({ applicationId: z.string().min(1).max(100) })
const applicationStatus = z
  .object({ applicationId: z.string(), status: z.enum(['selected', 'rejected', 'withdrawn']) })
  .openapi('ApplicationStatus')

const decisionRoute = createRoute({
  method: 'post',
  path: '/applications/{applicationId}/decision',
  operationId: 'decideApplication',
  summary: 'Select or reject a submitted application',
  description:
    'Selection is refused once the edition is full. Send `If-Match` with the application’s ETag to decide on what you saw.',
  tags: ['Applications'],
  security: [{ bearer: [] }],
  request: { params: applicationParams, body: { required: true, content: { 'application/json': { schema: decisionBody } } } },
  responses: { 200: jsonContent(applicationStatus, 'Decided; the ETag is the application’s version'), ...commandProblems },
})

const withdrawalRoute = createRoute({
  method: 'post',
  path: '/applications/{applicationId}/withdrawal',
  operationId: 'withdrawApplication',
  // Anyone with the withdrawal token, or staff with a bearer token and no token.
  security: [{}, { bearer: [] }] as Array<Record<string, string[]>>,
  summary: 'Withdraw an application (the start-up with its token, or staff)',
  tags: ['Applications'],
  request: { params: applicationParams, body: { required: true, content: { 'application/json': { schema: withdrawalBody } } } },
  responses: { 200: jsonContent(applicationStatus, 'Withdrawn; the ETag is the application’s version'), ...commandProblems },
})

type Status = z.infer<typeof applicationStatus>['status']
type Existing = Exclude<ApplicationState, { status: 'absent' }>

const existing = ({ state }: Loaded<ApplicationState>, applicationId: string): Existing => {
  if (state.status === 'absent') throw applicationErrors.notFound(applicationId)
  return state
}

/**
 * Decides on an application within its edition. The edition is read, not written; a
 * decision checks its lifecycle as still open (it cannot close meanwhile), a withdrawal
 * needs only that it exists, which it does for good. A selection or the withdrawal of a
 * member also writes the edition's seat counter at the value it read, so two staff
 * selecting for the last seat cannot both succeed: the second decides again on the new
 * count and is refused `edition-full`.
 */
const decideWithinEdition = async (
  deps: ApiDeps,
  own: Loaded<ApplicationState>,
  command: ApplicationCommand & { applicationId: string },
  status: Status,
) => {
  const { editionId } = existing(own, command.applicationId)
  const needsSeats = (command.type === 'DecideApplication' && command.decision === 'selected') || own.state.status === 'selected'
  const counterId = seatsCounterId(editionId)
  const [edition, seatsTaken] = await Promise.all([
    deps.aggregates.load(editionDecider, editionId, { reuse: 'cached' }),
    needsSeats ? deps.store.readCounter(counterId) : undefined,
  ])
  const events: ApplicationEvent[] = applicationDecider.decide(command, own.state, {
    edition: edition.state,
    ...(seatsTaken === undefined ? {} : { seatsTaken }),
  })
  const change = seatChange(own.state, events)
  const seats = change === 0 || seatsTaken === undefined ? [] : [{ counterId, expected: seatsTaken, value: seatsTaken + change }]
  const lifecycle = command.type === 'DecideApplication' ? [editionLifecycle(editionId, edition)] : []
  return {
    events,
    counters: [...seats, ...lifecycle],
    body: { applicationId: command.applicationId, status },
  }
}

/** `POST /applications/{id}/decision` (staff) and `POST /applications/{id}/withdrawal`. */
export const applicationRoutes = (deps: ApiDeps) => {
  const guards = routeGuards(deps)
  return newRouter()
    .openapi({ ...decisionRoute, middleware: guards.admin }, async (c) => {
      const { applicationId } = c.req.valid('param')
      const { decision, reason, occurredAt } = c.req.valid('json')
      const now = effectiveTime(c, occurredAt, deps.clock)
      const command = { type: 'DecideApplication' as const, applicationId, decision, now, ...(reason ? { reason } : {}) }
      return handleCommand(c, deps, {
        aggregate: applicationDecider,
        id: applicationId,
        status: 200,
        occurredAt,
        decide: (own) => decideWithinEdition(deps, own, command, decision),
      })
    })
    .openapi({ ...withdrawalRoute, middleware: guards.public }, async (c) => {
      const { applicationId } = c.req.valid('param')
      const { token, reason, occurredAt } = c.req.valid('json')
      const now = effectiveTime(c, occurredAt, deps.clock)
      const isStaff = c.var.principal?.roles.includes('admin') ?? false
      const command = {
        type: 'WithdrawApplication' as const,
        applicationId,
        by: isStaff ? ('staff' as const) : ('startup' as const),
        now,
        ...(reason ? { reason } : {}),
      }
      return handleCommand(c, deps, {
        aggregate: applicationDecider,
        id: applicationId,
        status: 200,
        occurredAt,
        async decide(own) {
          const application = existing(own, applicationId)
          if (!isStaff) {
            const hash = await withdrawalTokenHashOf(deps.store, application)
            if (!(token && hash && matchesSha256(token, hash))) {
              throw apiProblems.invalidWithdrawalToken()
            }
          }
          return decideWithinEdition(deps, own, command, 'withdrawn')
        },
      })
    })
}
