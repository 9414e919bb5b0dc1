import type { Aggregate } from '../shared/decider.js'
import type { OutcomesCommand } from './commands.js'
import { decideOutcomes, type OutcomesContext } from './decide.js'
import {
  evolveOutcomes,
  initialOutcomesState,
  outcomesSnapshot,
  type OutcomesEvent,
  type OutcomesState,
} from './state.js'

export * from './commands.js'
export { decideOutcomes, type OutcomesContext } from './decide.js'
export { outcomesErrors } from './errors.js'
export * from './state.js'

/**
 * The id of one member's outcomes for one edition: the edition's slug holds no `.`, so the
 * pair is never ambiguous.
 *
 * @example outcomesId('ces-2020', '01J…') // 'ces-2020.01J…'
 */
export const outcomesId = (editionId: string, startupId: string): string =>
  `${editionId}.${startupId}`

/**
 * The stream of one member's outcomes for one edition (see state.ts).
 *
 * @example outcomesStreamId(outcomesId('ces-2020', '01J…')) // 'outcomes-ces-2020.01J…'
 */
export const outcomesStreamId = (id: string): string => `outcomes-${id}`

/**
 * A member's outcomes as one value.
 *
 * @example outcomesDecider.decide(command, fold(outcomesDecider, events), { edition, application })
 */
export const outcomesDecider: Aggregate<
  OutcomesCommand,
  OutcomesEvent,
  OutcomesState,
  OutcomesContext
> = {
  decide: decideOutcomes,
  evolve: evolveOutcomes,
  initialState: initialOutcomesState,
  streamId: outcomesStreamId,
  snapshot: outcomesSnapshot,
}
