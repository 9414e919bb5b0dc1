import type { Decider } from '../../../domain/shared/decider.js'
import type { DomainEvent } from '../../../domain/events/index.js'
import type { EventStore } from '../../store/event-store.js'

export interface Loaded<State> {
  readonly state: State
  /** The stream's version, to append at and to show as the ETag. */
  readonly version: number
}

/**
 * Reads a stream and folds it with its decider's `evolve`.
 *
 * @example const { state, version } = await load(store, editionStreamId(id), editionDecider)
 */
export const load = async <State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<never, Event, State>, 'evolve' | 'initialState'>,
): Promise<Loaded<State>> => {
  const events = await store.readStream(streamId)
  // The stream holds only this aggregate's event types: that is what its id means.
  const state = events.reduce((acc, event) => decider.evolve(acc, event as unknown as Event), decider.initialState)
  return { state, version: events.at(-1)?.version ?? 0 }
}
