import { editionDecider, lifecycleStep, type EditionEvent, type EditionState } from '../../domain/edition/index.js'
import { fold } from '../../domain/shared/decider.js'
import type { Loaded } from '../store/aggregate-loader.js'
import type { Counter } from '../store/event-store.js'
import { editionLifecycleCounterId } from '../store/guard-ids.js'

/**
 * The edition's lifecycle counter as a command must hold it: moved by the events that
 * open or close the edition, checked at its step (open) by an application, which reads
 * the edition but must not conflict with what else happens to it (partners, awards).
 *
 * @example counters: [editionLifecycle('ces-2020', edition)] // an application: checked open
 */
export const editionLifecycle = (
  editionId: string,
  edition: Loaded<EditionState>,
  events: readonly EditionEvent[] = [],
): Counter => ({
  counterId: editionLifecycleCounterId(editionId),
  expected: lifecycleStep(edition.state.status),
  value: lifecycleStep(events.length ? fold(editionDecider, events, edition.state).status : edition.state.status),
  streamId: edition.streamId,
})
