import type { DomainEvent } from '../../domain/events/index.js'
import { backoff } from '../shared/backoff.js'
import type { AggregateLoader, AnyAggregate, Loaded, LoadOptions } from '../store/aggregate-loader.js'
import { ConcurrencyError, GuardTakenError, IdempotencyKeyReusedError, StoreBusyError } from '../store/errors.js'
import type { Counter, EventStore, Guard, StreamAppend } from '../store/event-store.js'
import { metadataOf, type CommandContext, type IdempotencyRequest } from './command-context.js'
import { PreconditionFailedError } from './errors.js'
import { replayedOutcome, storedOutcome } from './idempotency-record.js'

/**
 * A guard the command takes; `refusal` turns "already taken" into the rule it enforces,
 * or answers undefined when the guard being taken shows the decision rested on state
 * the command assumed rather than read (then its streams are read and it decides again).
 */
export interface GuardClaim extends Guard {
  readonly refusal?: (holder: Record<string, unknown> | undefined) => Error | undefined
}

/**
 * What a use case decided, as data: events for its own stream, and everything that must
 * hold with them in the same transaction. The handler turns it into one append.
 */
export interface Decision<Result> {
  readonly events: readonly DomainEvent[]
  /** Other streams written in the same transaction (a start-up registered as it applies). */
  readonly alsoAppend?: readonly StreamAppend[]
  /** Streams read to decide but not written: the append holds only if they did not move. */
  readonly unchanged?: readonly Loaded<unknown>[]
  readonly guards?: readonly GuardClaim[]
  readonly counters?: readonly Counter[]
  /** What the caller is told (and a retry with the same idempotency key again). */
  readonly result: Result
  /** Fields of `result` that are secrets (a withdrawal token): kept for a replay only sealed. */
  readonly secretFields?: readonly (keyof Result & string)[]
}

/** One command's use case: the aggregate it is about, and how it decides on fresh state. */
export interface UseCase<State, Result> {
  /** Its version is what the caller pins (If-Match) and is told (ETag). */
  readonly aggregate: AnyAggregate<State>
  readonly id: string
  /** How the command's own stream may skip its read (see LoadOptions): a new id's is absent. */
  readonly reuse?: LoadOptions['reuse']
  /** Decides on fresh state; runs again, from a new load, after a conflict the caller did not cause. */
  decide(own: Loaded<State>): Promise<Decision<Result>> | Decision<Result>
}

/** What the handler needs: the store, the loader, and how long to keep retrying. */
export interface CommandDeps {
  readonly store: EventStore
  readonly aggregates: AggregateLoader
  /** Told of a command's own events once appended (not on a replay): the programme's counters. */
  readonly onAppended?: (events: readonly DomainEvent[]) => void
  /** How long a command keeps retrying conflicts others caused before giving up (busy). */
  readonly retryBudgetMs?: number
}

/** What came of a command: its result, the version of its stream, and whether it was a replay. */
export interface Handled<Result> {
  readonly result: Result
  readonly version: number
  readonly replayed: boolean
}

const defaultRetryBudgetMs = 5_000

/** The first answer to this idempotency key, if the record is there and the request the same. */
const replayOf = async <Result>(store: EventStore, idempotency: IdempotencyRequest): Promise<Handled<Result> | undefined> => {
  const record = await store.findIdempotencyRecord(idempotency.key)
  if (!record) return undefined
  if (record.fingerprint !== idempotency.fingerprint) throw new IdempotencyKeyReusedError(idempotency.key)
  const { result, version } = replayedOutcome(record.result, idempotency)
  return { result: result as Result, version, replayed: true }
}

/**
 * The one command sequence (Emmett's handleCommand), knowing nothing of HTTP: load the
 * aggregate → check the caller's expected version → decide → append atomically with the
 * idempotency claim, guards, counters and read-set checks. A conflict the caller did not
 * cause (another writer moved a stream or a counter it read) makes it load and decide
 * again, with jittered waits, until the decision stands or the budget is spent
 * (StoreBusyError). A moved stream the caller pinned is a PreconditionFailedError.
 *
 * Idempotency is handled here, once: the key is claimed in the append; a duplicate shows
 * itself as a claim refused or a decision refused on the state the first one made, and
 * gets the first answer back (`replayed`); the same key with another request is refused.
 *
 * @example
 *   const { result, version } = await handleCommand(deps, closeEdition({ editionId }, context), context)
 */
export const handleCommand = async <State, Result>(
  deps: CommandDeps,
  useCase: UseCase<State, Result>,
  context: CommandContext,
): Promise<Handled<Result>> => {
  try {
    return await decideAndAppend(deps, useCase, context)
  } catch (error: unknown) {
    const replay = context.idempotency && !(error instanceof IdempotencyKeyReusedError)
      ? await replayOf<Result>(deps.store, context.idempotency)
      : undefined
    if (replay) return replay
    throw error
  }
}

const decideAndAppend = async <State, Result>(
  deps: CommandDeps,
  useCase: UseCase<State, Result>,
  context: CommandContext,
): Promise<Handled<Result>> => {
  const pinned = context.expectedVersion
  // Wall-clock time, not the context's `now` (which tests and imports may fix).
  const deadline = performance.now() + (deps.retryBudgetMs ?? defaultRetryBudgetMs)
  const metadata = metadataOf(context)
  for (let attempt = 1; ; attempt++) {
    const own = await deps.aggregates.load(useCase.aggregate, useCase.id, useCase.reuse ? { reuse: useCase.reuse } : {})
    if (pinned !== undefined && pinned !== own.version) throw new PreconditionFailedError(own.version, pinned)
    const decision = await useCase.decide(own)
    const version = own.version + decision.events.length
    const { idempotency } = context
    try {
      const appended = await deps.store.append(
        [{ streamId: own.streamId, expectedVersion: own.version, events: decision.events }, ...(decision.alsoAppend ?? [])],
        {
          metadata,
          guards: decision.guards ?? [],
          unchanged: (decision.unchanged ?? []).map(({ streamId, version: read }) => ({ streamId, version: read })),
          counters: decision.counters ?? [],
          ...(idempotency
            ? {
                idempotency: {
                  key: idempotency.key,
                  fingerprint: idempotency.fingerprint,
                  result: storedOutcome(decision.result, version, decision.secretFields ?? [], idempotency),
                },
              }
            : {}),
        },
      )
      if (appended.status === 'replayed' && idempotency) {
        const { result, version: first } = replayedOutcome(appended.result, idempotency)
        return { result: result as Result, version: first, replayed: true }
      }
      deps.aggregates.appended(useCase.aggregate, own, decision.events)
      for (const { streamId } of decision.alsoAppend ?? []) deps.aggregates.stale(streamId)
      deps.onAppended?.(decision.events)
      return { result: decision.result, version, replayed: false }
    } catch (error: unknown) {
      if (error instanceof GuardTakenError) {
        const claim = decision.guards?.find((guard) => guard.guardId === error.guardId)
        const refusal = claim?.refusal?.(error.holder)
        if (refusal) throw refusal
        for (const { streamId } of decision.alsoAppend ?? []) deps.aggregates.stale(streamId)
      } else if (error instanceof ConcurrencyError) {
        if (pinned !== undefined && error.streamId === own.streamId) throw new PreconditionFailedError(error.actualVersion, pinned)
        const counter = decision.counters?.find(({ counterId }) => counterId === error.streamId)
        deps.aggregates.stale(counter?.streamId ?? error.streamId)
      } else if (!(error instanceof StoreBusyError)) {
        throw error
      }
      if (performance.now() >= deadline) throw new StoreBusyError(attempt)
      await backoff(attempt, { baseMs: 10, capMs: 250 })
    }
  }
}
