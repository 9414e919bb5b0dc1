/**
 * One aggregate's behaviour as a value (Emmett's shape): `decide` turns a command into
 * the events it causes (or throws a RuleViolationError), `evolve` folds one event in.
 *
 * `evolve` updates the state it is given in place and returns it, so folding n events
 * costs O(n), not O(n²) copies of a growing state. It is only ever handed a draft its
 * caller owns: `fold` below clones its starting state once, so every state a caller
 * holds (a cached one, a decoded snapshot, `initialState`) is left untouched.
 * States hold plain data, Sets and Maps only, which `structuredClone` copies.
 *
 * `Context` is what a decision needs from outside its own stream (the edition an
 * application is made to, the seats already taken), read by the command handler.
 */
export interface Decider<Command, Event, State, Context = undefined> {
  decide(command: Command, state: State, context: Context): Event[]
  evolve(draft: State, event: Event): State
  readonly initialState: State
}

/** How an aggregate's state is kept as a snapshot (see functions/store/snapshots.ts). */
export interface SnapshotCodec<State> {
  /**
   * Bump it whenever `evolve` or the state's shape changes: snapshots of another fold
   * version are ignored (and replaced), so a stale snapshot can only cost speed.
   */
  readonly foldVersion: number
  /** A JSON-compatible value (Sets become arrays…). */
  encode(state: State): unknown
  /** The state back from `encode`'s value; throws on anything else. */
  decode(stored: unknown): State
}

/** A decider with the name of its streams and its snapshot codec: what a command handler loads. */
export interface Aggregate<Command, Event, State, Context = undefined>
  extends Decider<Command, Event, State, Context> {
  /** The stream id of one instance: `edition-ces-2020`. */
  streamId(id: string): string
  readonly snapshot: SnapshotCodec<State>
}

/**
 * Folds events onto a state (by default the initial one) without changing it:
 * one clone, then `evolve` in place per event.
 *
 * @example const state = fold(editionDecider, events)
 * @example const newer = fold(editionDecider, newEvents, cachedState)
 */
export const fold = <State, Event>(
  decider: Pick<Decider<never, Event, State, never>, 'evolve' | 'initialState'>,
  events: readonly Event[],
  from: State = decider.initialState,
): State => {
  let draft = structuredClone(from)
  for (const event of events) draft = decider.evolve(draft, event)
  return draft
}
