import type { Context } from 'hono'
import type { TypedResponse } from 'hono/types'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { JSONParsed, JSONValue } from 'hono/utils/types'
import type { DomainEvent, EventMetadata } from '../../domain/events/index.js'
import type { AggregateLoader, AnyAggregate, Loaded, LoadOptions } from '../store/aggregate-loader.js'
import { ConcurrencyError, GuardTakenError, StoreBusyError } from '../store/errors.js'
import type { Counter, EventStore, Guard, StreamAppend } from '../store/event-store.js'
import { backoff } from '../shared/backoff.js'
import type { ApiEnv } from '../http/app-env.js'
import { replayed, storedResponse, type StoredResponse } from '../http/idempotency.js'
import { apiProblems } from '../http/problems.js'

/**
 * A guard the command takes; `refusal` turns "already taken" into the rule it enforces,
 * or answers undefined when the guard being taken shows the decision rested on state
 * the command assumed rather than read (then its streams are read and it decides again).
 */
export interface GuardClaim extends Guard {
  readonly refusal?: (holder: Record<string, unknown> | undefined) => Error | undefined
}

/** What a command decided: events for its own stream, and whatever must hold with them. */
export interface CommandOutcome<Body> {
  readonly events: readonly DomainEvent[]
  /** Other streams written in the same transaction (a start-up registered as it applies). */
  readonly alsoAppend?: readonly StreamAppend[]
  /** Streams read to decide but not written: the append holds only if they did not move. */
  readonly unchanged?: readonly Loaded<unknown>[]
  readonly guards?: readonly GuardClaim[]
  readonly counters?: readonly Counter[]
  readonly body: Body
  /**
   * Top-level fields of `body` that are secrets (a withdrawal token): sent, but kept for
   * an idempotent replay only sealed under the caller's key (see idempotency.ts).
   */
  readonly secretFields?: readonly (keyof Body & string)[]
  readonly headers?: Record<string, string>
}

/** The reads a command needs, shared with the handler so it can retry them. */
export interface CommandDeps {
  readonly store: EventStore
  readonly aggregates: AggregateLoader
  /** Told of a command's own events once appended (not on a replay): the programme's counters. */
  readonly onAppended?: (events: readonly DomainEvent[]) => void
  /** How long a command keeps retrying conflicts others caused before answering 503. */
  readonly retryBudgetMs?: number
}

export interface Command<State, Body, Status extends ContentfulStatusCode> {
  /** The aggregate the command is about: its version is the ETag and what If-Match pins. */
  readonly aggregate: AnyAggregate<State>
  readonly id: string
  /** How the command's own stream may skip its read (see LoadOptions): a new id's is absent. */
  readonly reuse?: LoadOptions['reuse']
  readonly status: Status
  /** Decides on fresh state; runs again, from a new load, after a conflict it did not cause. */
  decide(own: Loaded<State>): Promise<CommandOutcome<Body>> | CommandOutcome<Body>
  /** When the fact happened, for history recorded later by staff (kept in metadata). */
  readonly occurredAt?: string | undefined
}

const defaultRetryBudgetMs = 5_000

/** `If-Match: "3"` → 3; absent → undefined. A malformed one is a 400. */
export const ifMatchVersion = (c: Context): number | undefined => {
  const header = c.req.header('If-Match')
  if (header === undefined) return undefined
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim())
  if (!match) throw apiProblems.invalidIfMatch()
  return Number(match[1])
}

const preconditionFailed = (current: number, expected: number) =>
  apiProblems.preconditionFailed(`The resource is at version ${current}, not ${expected}`, current)

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
 * The one command sequence every command route runs (Emmett's handleCommand):
 * load the aggregate → check If-Match → decide → append atomically with the request's
 * idempotency key, guards, counters and read-set checks → answer with the new version
 * as ETag. A conflict the caller did not cause (another writer moved a stream or a
 * counter it read) makes it load and decide again, with jittered waits, until the
 * decision stands or the time budget is spent (then 503 with Retry-After). Only real
 * business conflicts are a 409, and a moved stream the caller pinned with If-Match a 412.
 *
 * @example
 *   return handleCommand(c, deps, {
 *     aggregate: editionDecider, id: editionId, status: 200,
 *     decide: ({ state }) => ({ events: decideEdition(close, state), body: { editionId, status: 'closed' } }),
 *   })
 */
export const handleCommand = async <State, Body extends JSONValue, Status extends ContentfulStatusCode>(
  c: Context<ApiEnv>,
  deps: CommandDeps,
  command: Command<State, Body, Status>,
): Promise<Response & TypedResponse<JSONParsed<Body>, Status, 'json'>> => {
  const pinned = ifMatchVersion(c)
  // Wall-clock time, not the domain clock (which tests and imports may fix).
  const deadline = performance.now() + (deps.retryBudgetMs ?? defaultRetryBudgetMs)
  for (let attempt = 1; ; attempt++) {
    const own = await deps.aggregates.load(command.aggregate, command.id, command.reuse ? { reuse: command.reuse } : {})
    if (pinned !== undefined && pinned !== own.version) throw preconditionFailed(own.version, pinned)
    const outcome = await command.decide(own)
    const headers = { ...outcome.headers, ETag: `"${own.version + outcome.events.length}"` }
    const response: StoredResponse = { status: command.status, body: outcome.body, headers }
    try {
      const result = await deps.store.append(
        [{ streamId: own.streamId, expectedVersion: own.version, events: outcome.events }, ...(outcome.alsoAppend ?? [])],
        {
          metadata: metadataOf(c, command.occurredAt),
          guards: outcome.guards ?? [],
          unchanged: (outcome.unchanged ?? []).map(({ streamId, version }) => ({ streamId, version })),
          counters: outcome.counters ?? [],
          ...(c.var.idempotency
            ? {
                idempotency: {
                  key: c.var.idempotency.key,
                  fingerprint: c.var.idempotency.fingerprint,
                  result: storedResponse(c, response, outcome.secretFields),
                },
              }
            : {}),
        },
      )
      if (result.status === 'appended') {
        deps.aggregates.appended(command.aggregate, own, outcome.events)
        for (const { streamId } of outcome.alsoAppend ?? []) deps.aggregates.stale(streamId)
        deps.onAppended?.(outcome.events)
      }
      const sent = result.status === 'replayed' ? replayed(c, result.result) : response
      return c.json(sent.body as Body, sent.status as Status, sent.headers)
    } catch (error: unknown) {
      if (error instanceof GuardTakenError) {
        const claim = outcome.guards?.find((guard) => guard.guardId === error.guardId)
        const refusal = claim?.refusal?.(error.holder)
        if (refusal) throw refusal
        for (const { streamId } of outcome.alsoAppend ?? []) deps.aggregates.stale(streamId)
      } else if (error instanceof ConcurrencyError) {
        if (pinned !== undefined && error.streamId === own.streamId) throw preconditionFailed(error.actualVersion, pinned)
        const counter = outcome.counters?.find(({ counterId }) => counterId === error.streamId)
        deps.aggregates.stale(counter?.streamId ?? error.streamId)
      } else if (!(error instanceof StoreBusyError)) {
        throw error
      }
      if (performance.now() >= deadline) throw new StoreBusyError(attempt)
      await backoff(attempt, { baseMs: 10, capMs: 250 })
    }
  }
}
