import type { Decider } from '../shared/decider.js'
import type { EditionCommand } from './commands.js'
import { decideEdition } from './decide.js'
import type { EditionEvent, EditionState } from './state.js'
import { evolveEdition, initialEditionState } from './state.js'

export * from './commands.js'
export { decideEdition } from './decide.js'
export { editionErrors } from './errors.js'
export * from './queries.js'
export * from './state.js'

/**
 * The stream of an edition and everything decided inside it (see state.ts).
 *
 * @example editionStreamId('ces-2020') // 'edition-ces-2020'
 */
export const editionStreamId = (editionId: string): string => `edition-${editionId}`

/**
 * The edition aggregate as one decider value.
 *
 * @example editionDecider.decide(command, fold(editionDecider, events))
 */
export const editionDecider: Decider<EditionCommand, EditionEvent, EditionState> = {
  decide: decideEdition,
  evolve: evolveEdition,
  initialState: initialEditionState,
}
