import {
  startupDecider,
  type CorrectStartupProfile,
  type RecoverStartup,
  type StartupState,
} from '../../domain/startup/index.js'
import { effectiveTime, type CommandContext } from './command-context.js'
import type { UseCase } from './handle-command.js'

export interface StartupRecordChanged {
  readonly startupId: string
  /** Whether partners were sent the start-up's profile again (it had been published). */
  readonly republished: boolean
}

const republished = (events: readonly { type: string }[]) => events.some((event) => event.type === 'startup.profile-published')

/**
 * Staff correct a start-up's profile or contact: what differs is recorded with the
 * reason, and a profile partners had received goes to them again.
 *
 * @example await handleCommand(deps, correctStartupProfile({ startupId, name, reason }, context), context)
 */
export const correctStartupProfile = (
  correction: Omit<CorrectStartupProfile, 'type' | 'now'>,
  context: CommandContext,
): UseCase<StartupState, StartupRecordChanged> => ({
  aggregate: startupDecider,
  id: correction.startupId,
  decide: ({ state }) => {
    const events = startupDecider.decide({ type: 'CorrectStartupProfile', ...correction, now: effectiveTime(context) }, state, undefined)
    return { events, result: { startupId: correction.startupId, republished: republished(events) } }
  },
})

/**
 * Staff recover a start-up whose first registration came from someone else (its SIRET
 * is public): the real profile and contact replace the registered ones, the earlier
 * contact is disowned (its applications can be dismissed, the real contact's are the
 * start-up's), and its history stays as it was recorded.
 *
 * @example await handleCommand(deps, recoverStartup({ startupId, ...realProfile, contact, reason }, context), context)
 */
export const recoverStartup = (
  recovery: Omit<RecoverStartup, 'type' | 'now'>,
  context: CommandContext,
): UseCase<StartupState, StartupRecordChanged> => ({
  aggregate: startupDecider,
  id: recovery.startupId,
  decide: ({ state }) => {
    const events = startupDecider.decide({ type: 'RecoverStartup', ...recovery, now: effectiveTime(context) }, state, undefined)
    return { events, result: { startupId: recovery.startupId, republished: republished(events) } }
  },
})
