import type { PublishStartupProfile } from '../startup/commands.js'
import type { ApplicationEvent } from './state.js'

/**
 * What a selection brings with it on the start-up's stream: partners receive a start-up's
 * public profile once one of its applications is selected (never from its registration,
 * which anyone knowing its SIRET can make). The write side decides it with the start-up's
 * decider in the same append as the selection; the decider makes it nothing when partners
 * have the profile already.
 *
 * @example profilePublicationFor(events, now) // { type: 'PublishStartupProfile', startupId, now }
 */
export const profilePublicationFor = (
  events: readonly ApplicationEvent[],
  now: string,
): PublishStartupProfile | undefined => {
  const selection = events.find((event) => event.type === 'application.selected')
  return selection && { type: 'PublishStartupProfile', startupId: selection.data.startupId, now }
}
