import type { ApplicationEntry, EditionState } from './state.js'

/** Own keys only: ids such as `constructor` must not find Object.prototype's members. */
const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined

/**
 * The application with this id in the edition, if any.
 *
 * @example applicationOf(state, 'app-1')?.status // 'selected'
 */
export const applicationOf = (
  state: EditionState,
  applicationId: string,
): ApplicationEntry | undefined => own(state.applications, applicationId)

/**
 * The id of the application a start-up made to the edition, if it applied.
 *
 * @example applicationIdOfStartup(state, 'startup-1') // 'app-1'
 */
export const applicationIdOfStartup = (state: EditionState, startupId: string) =>
  own(state.applicationIdByStartup, startupId)

/**
 * Whether a start-up is currently a member of the delegation.
 *
 * @example isMember(state, 'startup-1') // true once selected, false after withdrawal
 */
export const isMember = (state: EditionState, startupId: string): boolean =>
  state.memberStartupIds.includes(startupId)
