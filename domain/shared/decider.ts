/**
 * One aggregate's behaviour as a value: `decide` turns a command into the events it
 * causes (or throws a RuleViolationError), `evolve` folds events into state.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[]
  evolve(state: State, event: Event): State
  initialState: State
}

/**
 * Rebuilds an aggregate's state from its stream.
 *
 * @example const state = fold(editionDecider, events)
 */
export const fold = <State, Event>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State => events.reduce((state, event) => decider.evolve(state, event), decider.initialState)
