import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { CommandContext } from '../commands/command-context.js'
import type { Handled } from '../commands/handle-command.js'
import type { ApiEnv } from '../shared/http/app-env.js'
import { apiProblems } from './problems.js'

/** `If-Match: "3"` → 3; absent → undefined. A malformed one is a 400. */
const ifMatchVersion = (c: Context): number | undefined => {
  const header = c.req.header('If-Match')
  if (header === undefined) return undefined
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim())
  if (!match) throw apiProblems.invalidIfMatch()
  return Number(match[1])
}

/**
 * What a command needs to know of the request that carries it (functions/commands,
 * which knows nothing of HTTP): who (the verified principal, or the public), the
 * request's ids, the version the caller pinned (If-Match), its idempotency key, and, for
 * staff recording history, when the fact happened.
 *
 * @example const context = commandContextOf(c, deps.clock, body.occurredAt)
 */
export const commandContextOf = (c: Context<ApiEnv>, clock: () => Date, occurredAt?: string): CommandContext => {
  const principal = c.var.principal
  return {
    actor: principal ? { kind: 'staff', subject: principal.subject, roles: principal.roles } : { kind: 'public' },
    now: clock(),
    correlationId: c.var.correlationId,
    causationId: c.var.requestId,
    occurredAt,
    expectedVersion: ifMatchVersion(c),
    idempotency: c.var.idempotency,
  }
}

/**
 * A command's answer: its result with `status`, the ETag of its stream's version, and
 * `Idempotent-Replayed: true` when it is the first answer given again.
 *
 * @example return answer(c, await handleCommand(deps, useCase, context), 201, { Location })
 */
export const answer = <Result extends object, Status extends ContentfulStatusCode>(
  c: Context,
  { result, version, replayed }: Handled<Result>,
  status: Status,
  headers: Record<string, string> = {},
) => c.json(result, status, { ...headers, ETag: `"${version}"`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) })
