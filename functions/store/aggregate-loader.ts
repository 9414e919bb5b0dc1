import { type Aggregate, fold } from '../../domain/shared/decider.js'
import type { EventEnvelope } from '../../domain/events/index.js'
import type { EventStore } from './event-store.js'
import type { Snapshot, SnapshotStore } from './snapshots.js'
import { StateCache } from './state-cache.js'

/** An aggregate's state and the version of its stream it was folded at. */
export interface Loaded<State> {
  readonly streamId: string
  readonly state: State
  readonly version: number
}

export interface LoadOptions {
  /**
   * Skip the read when the answer may be checked by the append instead (default: read):
   * - `cached`: this process's cached state if any. For a stream the command checks as
   *   unchanged at its version (see UnchangedStream) or never writes to again;
   * - `cached-or-absent`: that, or else the initial state at version 0, for a stream
   *   the command creates when absent (an append at version 0 fails if it exists).
   * A stream the append found moved (see `stale`) is read again, whatever is asked.
   */
  readonly reuse?: 'cached' | 'cached-or-absent'
}

export interface AggregateLoaderOptions {
  readonly store: EventStore
  readonly snapshots?: SnapshotStore
  readonly cache?: StateCache
  /** Newest events read first; longer streams keep a snapshot renewed every window/2 events. */
  readonly window?: number
  /** A snapshot that could not be written costs only speed: report it, do not fail. */
  readonly onSnapshotError?: (error: unknown) => void
}

/** Any aggregate, whatever its command and context types: what a load needs of it. */
export type AnyAggregate<State> = Pick<Aggregate<never, never, State, never>, 'streamId' | 'snapshot' | 'initialState'> & {
  evolve(draft: State, event: never): State
}

/**
 * Loads aggregates in a bounded number of reads whatever their stream's length:
 * - warm: the state this process folded last, plus the events since (one Query);
 * - cold: the newest `window` events (one Query), which is the whole of most streams
 *   (an application has at most three events); a longer stream is folded from its
 *   snapshot (one GetItem) and the events after it. Only a stream whose snapshot is
 *   missing or older than the window is read further back, and then its snapshot is
 *   renewed, so the next load is bounded again.
 *
 * @example const { state, version } = await loader.load(editionDecider, 'ces-2020')
 */
export const createAggregateLoader = ({
  store,
  snapshots,
  cache = new StateCache(),
  window = 100,
  onSnapshotError = () => {},
}: AggregateLoaderOptions) => {
  const foldOnto = <State>(aggregate: AnyAggregate<State>, events: readonly EventEnvelope[], from?: State) =>
    fold<State, never>(aggregate, events as never, from ?? aggregate.initialState)

  const usable = (snapshot: Snapshot | undefined, foldVersion: number) =>
    snapshot !== undefined && snapshot.foldVersion === foldVersion ? snapshot : undefined

  const cold = async <State>(aggregate: AnyAggregate<State>, streamId: string) => {
    const tail = await store.readStreamTail(streamId, window)
    if (tail.complete) {
      return { state: foldOnto(aggregate, tail.events), version: tail.events.at(-1)?.version ?? 0, base: 0 }
    }
    // Longer than the window: start from the snapshot if it reaches the tail.
    const snapshot = usable(await snapshots?.read(streamId), aggregate.snapshot.foldVersion)
    const oldest = tail.events[0]?.version ?? 1
    const base = snapshot?.version ?? 0
    const from = snapshot ? aggregate.snapshot.decode(snapshot.state) : undefined
    const events =
      snapshot && snapshot.version >= oldest - 1
        ? tail.events.filter((event) => event.version > snapshot.version)
        : await store.readStream(streamId, { fromVersion: base + 1 })
    return { state: foldOnto(aggregate, events, from), version: events.at(-1)?.version ?? base, base }
  }

  /** Streams an append found moved since this process last read them. */
  const moved = new Set<string>()

  const load = async <State>(
    aggregate: AnyAggregate<State>,
    id: string,
    { reuse }: LoadOptions = {},
  ): Promise<Loaded<State>> => {
    const streamId = aggregate.streamId(id)
    const { foldVersion } = aggregate.snapshot
    const hit = cache.get(streamId, foldVersion)
    if (reuse && !moved.has(streamId)) {
      if (hit) return { streamId, state: hit.state as State, version: hit.version }
      if (reuse === 'cached-or-absent') return { streamId, state: aggregate.initialState, version: 0 }
    }
    moved.delete(streamId)
    let loaded: { state: State; version: number; base: number }
    if (hit) {
      const events = await store.readStream(streamId, { fromVersion: hit.version + 1 })
      const version = events.at(-1)?.version ?? hit.version
      const state = events.length ? foldOnto(aggregate, events, hit.state as State) : (hit.state as State)
      loaded = { state, version, base: hit.snapshotVersion }
    } else {
      loaded = await cold(aggregate, streamId)
    }
    const { state, version, base } = loaded
    // Streams within the window are read whole in one Query: only longer ones need a snapshot.
    const renew = snapshots !== undefined && version > window && version - base >= window / 2
    if (renew) {
      const snapshot = { streamId, version, foldVersion, state: aggregate.snapshot.encode(state) }
      await snapshots.write(snapshot).catch(onSnapshotError)
    }
    cache.set(streamId, { version, foldVersion, state, snapshotVersion: renew ? version : base })
    return { streamId, state, version }
  }

  /**
   * Marks a stream as moved (an append expected an older version): the next load reads
   * it, from this process's cached state onwards.
   */
  const stale = (streamId: string) => {
    moved.add(streamId)
    if (moved.size > 10_000) moved.clear()
  }

  /**
   * What this process appended to a stream it had loaded: the cache moves on to the new
   * version without reading it back.
   */
  const appended = <State>(aggregate: AnyAggregate<State>, from: Loaded<State>, events: readonly unknown[]) => {
    const { foldVersion } = aggregate.snapshot
    const known = cache.get(from.streamId, foldVersion)
    if (known !== undefined && known.version !== from.version) return stale(from.streamId)
    const state = foldOnto(aggregate, events as EventEnvelope[], from.state)
    const snapshotVersion = known?.snapshotVersion ?? 0
    cache.set(from.streamId, { version: from.version + events.length, foldVersion, state, snapshotVersion })
  }

  return { load, stale, appended }
}

export type AggregateLoader = ReturnType<typeof createAggregateLoader>
