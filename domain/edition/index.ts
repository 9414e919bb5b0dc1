import type { Aggregate } from '../shared/decider.js'
import type { EditionCommand } from './commands.js'
import { decideEdition, type EditionContext } from './decide.js'
import {
  editionSnapshot,
  evolveEdition,
  initialEditionState,
  type EditionEvent,
  type EditionState,
} from './state.js'

export * from './commands.js'
export { decideEdition, type EditionContext } from './decide.js'
export { editionErrors } from './errors.js'
export { existingEdition, openEdition } from './guards.js'
export * from './state.js'

/**
 * The stream of an edition (see state.ts).
 *
 * @example editionStreamId('ces-2020') // 'edition-ces-2020'
 */
export const editionStreamId = (editionId: string): string => `edition-${editionId}`

/**
 * The edition aggregate as one value.
 *
 * @example editionDecider.decide(command, fold(editionDecider, events), {})
 */
export const editionDecider: Aggregate<EditionCommand, EditionEvent, EditionState, EditionContext> = {
  decide: decideEdition,
  evolve: evolveEdition,
  initialState: initialEditionState,
  streamId: editionStreamId,
  snapshot: editionSnapshot,
}
