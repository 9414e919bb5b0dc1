import type { Context } from 'hono'
import type { TypedResponse } from 'hono/types'
import type { JSONParsed, JSONValue } from 'hono/utils/types'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { EventMetadata } from '../../../domain/events/index.js'
import { ConcurrencyError, GuardTakenError } from '../../store/errors.js'
import type { Guard, StreamAppend } from '../../store/event-store.js'
import type { ApiEnv } from '../app-env.js'
import type { ApiDeps } from '../deps.js'
import { replayed, type StoredResponse } from '../idempotency.js'
import { ProblemError } from '../problem.js'

/** What a route decided: the events to append, the guards to take, the answer to send. */
export interface Decision<Body, Status extends ContentfulStatusCode> {
  readonly appends: readonly StreamAppend[]
  readonly guards?: readonly Guard[]
  readonly response: { readonly status: Status; readonly body: Body; readonly headers?: Record<string, string> }
}

export interface CommitOptions {
  /** When the fact happened, for history recorded later by staff (kept in metadata). */
  readonly occurredAt?: string | undefined
}

const maxAttempts = 5

/** `If-Match: "3"` → 3; absent → undefined. A malformed one is a 400. */
export const ifMatchVersion = (c: Context): number | undefined => {
  const header = c.req.header('If-Match')
  if (header === undefined) return undefined
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim())
  if (!match) throw new ProblemError(400, 'invalid-if-match', 'Invalid If-Match', 'If-Match must be an ETag such as "3"')
  return Number(match[1])
}

/** Refuses with 412 when the caller's If-Match is not the aggregate's current version. */
export const assertIfMatch = (c: Context, version: number) => {
  const expected = ifMatchVersion(c)
  if (expected !== undefined && expected !== version) {
    throw new ProblemError(412, 'precondition-failed', 'Precondition failed', `The resource is at version ${version}, not ${expected}`, {
      currentVersion: version,
    })
  }
}

const metadataOf = (c: Context<ApiEnv>, occurredAt: string | undefined): EventMetadata => {
  const principal = c.var.principal
  return {
    correlationId: c.var.correlationId,
    causationId: c.var.requestId,
    actor: principal ? `staff:${principal.subject}` : 'public',
    ...(c.var.idempotency ? { idempotencyKey: c.var.idempotency.key } : {}),
    ...(occurredAt ? { occurredAt, override: 'historical-import' } : {}),
  }
}

/**
 * Runs `decide` (load, decide, build the answer) and appends what it returns,
 * with the request's idempotency key claimed in the same transaction. A conflict
 * with a concurrent writer re-runs `decide` on fresh state, unless the caller
 * pinned a version with If-Match: then it is a 412.
 *
 * @example return commit(c, deps, async () => ({ appends, response: { status: 201, body } }))
 */
export const commit = async <Body extends JSONValue, Status extends ContentfulStatusCode>(
  c: Context<ApiEnv>,
  deps: ApiDeps,
  decide: () => Promise<Decision<Body, Status>>,
  { occurredAt }: CommitOptions = {},
): Promise<Response & TypedResponse<JSONParsed<Body>, Status, 'json'>> => {
  const pinned = ifMatchVersion(c) !== undefined
  for (let attempt = 1; ; attempt++) {
    const { appends, guards, response } = await decide()
    try {
      const outcome = await deps.store.append(appends, {
        metadata: metadataOf(c, occurredAt),
        ...(guards ? { guards } : {}),
        ...(c.var.idempotency ? { idempotency: { ...c.var.idempotency, result: response } } : {}),
      })
      const sent = outcome.status === 'replayed' ? replayed(outcome.result as StoredResponse) : response
      return c.json(sent.body as Body, sent.status as Status, sent.headers)
    } catch (error: unknown) {
      const retriable = error instanceof ConcurrencyError || error instanceof GuardTakenError
      if (error instanceof ConcurrencyError && pinned) {
        throw new ProblemError(412, 'precondition-failed', 'Precondition failed', error.message)
      }
      if (!retriable || attempt >= maxAttempts) throw error
    }
  }
}
