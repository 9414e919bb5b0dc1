import type { Aggregate } from '../shared/decider.js'
import type { ApplicationCommand } from './commands.js'
import { decideApplication, type ApplicationContext } from './decide.js'
import {
  applicationSnapshot,
  evolveApplication,
  initialApplicationState,
  type ApplicationEvent,
  type ApplicationState,
} from './state.js'

export * from './commands.js'
export { decideApplication, seatChange, type ApplicationContext } from './decide.js'
export { applicationErrors } from './errors.js'
export { profilePublicationFor } from './publication.js'
export * from './state.js'

/**
 * The stream of one application.
 *
 * @example applicationStreamId('01J…') // 'application-01J…'
 */
export const applicationStreamId = (applicationId: string): string => `application-${applicationId}`

/**
 * The application aggregate as one value.
 *
 * @example applicationDecider.decide(command, fold(applicationDecider, events), { edition })
 */
export const applicationDecider: Aggregate<
  ApplicationCommand,
  ApplicationEvent,
  ApplicationState,
  ApplicationContext
> = {
  decide: decideApplication,
  evolve: evolveApplication,
  initialState: initialApplicationState,
  streamId: applicationStreamId,
  snapshot: applicationSnapshot,
}
