import { editionDecider, type EditionState, type OpenEdition } from '../../domain/edition/index.js'
import { effectiveTime, type CommandContext } from './command-context.js'
import { editionLifecycle } from './edition-lifecycle.js'
import type { UseCase } from './handle-command.js'

export interface EditionStatus {
  readonly editionId: string
  readonly status: 'open' | 'closed'
}

/**
 * Staff open an edition: its stream starts, and its lifecycle counter moves to open, so
 * applications (which check it) may come.
 *
 * @example await handleCommand(deps, openEdition(details, context), context)
 */
export const openEdition = (
  details: Omit<OpenEdition, 'type' | 'now'>,
  context: CommandContext,
): UseCase<EditionState, EditionStatus> => ({
  aggregate: editionDecider,
  id: details.editionId,
  decide: (edition) => {
    const events = editionDecider.decide({ type: 'OpenEdition', ...details, now: effectiveTime(context) }, edition.state, {})
    return { events, counters: [editionLifecycle(details.editionId, edition, events)], result: { editionId: details.editionId, status: 'open' } }
  },
})

/**
 * Staff close an edition: no more applications, decisions, awards or partners. Its
 * lifecycle counter moves to closed, so an application in flight cannot slip in.
 *
 * @example await handleCommand(deps, closeEdition('ces-2020', context), context)
 */
export const closeEdition = (editionId: string, context: CommandContext): UseCase<EditionState, EditionStatus> => ({
  aggregate: editionDecider,
  id: editionId,
  decide: (edition) => {
    const events = editionDecider.decide({ type: 'CloseEdition', editionId, now: effectiveTime(context) }, edition.state, {})
    return { events, counters: [editionLifecycle(editionId, edition, events)], result: { editionId, status: 'closed' } }
  },
})
