import { z } from 'zod'
import type { EventOf } from '../events/index.js'
import type { Aggregate, SnapshotCodec } from '../shared/decider.js'
import { normaliseEmail } from '../shared/email.js'
import { UnknownCommandError } from '../shared/errors.js'
import { isValidSiret } from '../shared/siret.js'
import type { StartupCommand } from './commands.js'
import { startupErrors } from './errors.js'

/** Stream `startup-<startupId>` holds the start-up's `startup.registered`. */
export type StartupEvent = EventOf<'startup.registered'>

export interface StartupState {
  readonly status: 'absent' | 'registered'
  readonly siret: string | null
  /**
   * The contact people's addresses the start-up gave (normalised): an application from
   * anyone else is not the start-up's until staff confirm it (see domain/application).
   */
  readonly contactEmails: readonly string[]
}

export const initialStartupState: StartupState = Object.freeze({
  status: 'absent',
  siret: null,
  contactEmails: Object.freeze([]),
})

/**
 * Whether an address is one of the start-up's contact people (compared normalised).
 * A start-up not registered yet has none: whoever registers it names its first.
 *
 * @example isStartupContact(registered, 'Ines@Calanques.example') // true
 */
export const isStartupContact = (state: StartupState, email: string): boolean =>
  state.contactEmails.includes(normaliseEmail(email))

/**
 * Decides what a start-up command causes, or throws a RuleViolationError.
 *
 * @example decideStartup({ type: 'RegisterStartup', ...registration, now }, initialStartupState)
 */
export const decideStartup = (command: StartupCommand, state: StartupState): StartupEvent[] => {
  switch (command.type) {
    case 'RegisterStartup': {
      const { startupId, name, siret, city, territory, website, themes, description, contact } =
        command
      if (state.status === 'registered') throw startupErrors.alreadyRegistered(startupId)
      if (!isValidSiret(siret)) throw startupErrors.invalidSiret(siret)
      return [
        {
          type: 'startup.registered',
          data: { startupId, name, siret, city, territory, website, themes, description, contact },
        },
      ]
    }
  }
  // A one-member union does not narrow `command` itself, only its discriminant.
  const _never: never = command.type
  throw new UnknownCommandError(command)
}

/**
 * Folds one start-up event into the state.
 *
 * @example evolveStartup(initialStartupState, registered).status // 'registered'
 */
export const evolveStartup = (state: StartupState, event: StartupEvent): StartupState => {
  switch (event.type) {
    case 'startup.registered':
      return {
        ...state,
        status: 'registered',
        siret: event.data.siret,
        contactEmails: [normaliseEmail(event.data.contact.email)],
      }
  }
}

/**
 * The stream of one start-up.
 *
 * @example startupStreamId('01JABC') // 'startup-01JABC'
 */
export const startupStreamId = (startupId: string): string => `startup-${startupId}`

const storedStartup = z.object({
  status: z.enum(['absent', 'registered']),
  siret: z.string().nullable(),
  contactEmails: z.array(z.string()),
})

const startupSnapshot: SnapshotCodec<StartupState> = {
  foldVersion: 2,
  encode: (state) => state,
  decode: (stored) => storedStartup.parse(stored),
}

/**
 * The start-up aggregate as one value.
 *
 * @example startupDecider.decide(command, fold(startupDecider, events), undefined)
 */
export const startupDecider: Aggregate<StartupCommand, StartupEvent, StartupState> = {
  decide: decideStartup,
  evolve: evolveStartup,
  initialState: initialStartupState,
  streamId: startupStreamId,
  snapshot: startupSnapshot,
}
