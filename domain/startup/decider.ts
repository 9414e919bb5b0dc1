import type { PublicProfile } from '../events/index.js'
import type { Aggregate } from '../shared/decider.js'
import { normaliseEmail } from '../shared/email.js'
import { UnknownCommandError } from '../shared/errors.js'
import { isValidSiret } from '../shared/siret.js'
import type {
  CorrectStartupProfile,
  RecoverStartup,
  RegisterStartup,
  StartupCommand,
} from './commands.js'
import { startupErrors } from './errors.js'
import {
  evolveStartup,
  initialStartupState,
  profileOf,
  sameProfile,
  startupSnapshot,
  type StartupEvent,
  type StartupState,
} from './state.js'

export * from './state.js'

type Registered = StartupState & { readonly profile: PublicProfile }

const registered = (state: StartupState, startupId: string): Registered => {
  if (state.status !== 'registered' || state.profile === null)
    throw startupErrors.notFound(startupId)
  return state as Registered
}

/**
 * A publication of the profile a start-up has after its events, if partners already had
 * one and it is not this one: partners never receive a start-up before it is selected, and
 * once they have, they always have its current profile.
 */
const republished = (
  state: StartupState,
  startupId: string,
  after: PublicProfile,
): StartupEvent[] =>
  state.published === null || sameProfile(state.published, after)
    ? []
    : [{ type: 'startup.profile-published', data: { startupId, ...profileOf(after) } }]

const register = (command: RegisterStartup, state: StartupState): StartupEvent[] => {
  const { startupId, name, siret, city, territory, website, themes, description, contact } = command
  if (state.status === 'registered') throw startupErrors.alreadyRegistered(startupId)
  if (!isValidSiret(siret)) throw startupErrors.invalidSiret(siret)
  const language = command.language ?? 'fr'
  const data = {
    startupId,
    name,
    siret,
    city,
    territory,
    website,
    themes,
    description,
    contact,
    language,
  }
  return [{ type: 'startup.registered', data }]
}

const profileFields = ['name', 'city', 'territory', 'website', 'themes'] as const

/**
 * Only the fields that differ from the record are recorded. A contact given is always
 * recorded: the state keeps no contact but its address, so one given is taken as meant.
 */
const correct = (command: CorrectStartupProfile, state: StartupState): StartupEvent[] => {
  const { startupId, reason, contact, description, language } = command
  const { profile } = registered(state, startupId)
  const changed: Partial<PublicProfile> = {}
  for (const field of profileFields) {
    const value = command[field]
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(profile[field])) {
      Object.assign(changed, { [field]: value })
    }
  }
  const changes = {
    ...changed,
    ...(description !== undefined && description !== state.description ? { description } : {}),
    ...(contact === undefined ? {} : { contact }),
    ...(language !== undefined && language !== state.contactLanguage ? { language } : {}),
  }
  if (Object.keys(changes).length === 0) throw startupErrors.correctionChangesNothing(startupId)
  const data = { startupId, ...changes, reason }
  return [
    { type: 'startup.profile-corrected', data },
    ...republished(state, startupId, { ...profile, ...changed }),
  ]
}

const recover = (command: RecoverStartup, state: StartupState): StartupEvent[] => {
  const { startupId, name, city, territory, website, themes, description, contact, reason } =
    command
  registered(state, startupId)
  if (state.contactEmails.includes(normaliseEmail(contact.email))) {
    throw startupErrors.recoveryKeepsContact(startupId)
  }
  const language = command.language ?? 'fr'
  const profile = { name, city, territory, website, themes }
  return [
    {
      type: 'startup.recovered',
      data: { startupId, ...profile, description, contact, language, reason },
    },
    ...republished(state, startupId, profile),
  ]
}

/**
 * Decides what a start-up command causes, or throws a RuleViolationError.
 *
 * @example decideStartup({ type: 'RegisterStartup', ...registration, now }, initialStartupState)
 */
export const decideStartup = (command: StartupCommand, state: StartupState): StartupEvent[] => {
  switch (command.type) {
    case 'RegisterStartup':
      return register(command, state)
    case 'CorrectStartupProfile':
      return correct(command, state)
    case 'RecoverStartup':
      return recover(command, state)
    case 'PublishStartupProfile': {
      const { startupId } = command
      const { profile, published } = registered(state, startupId)
      if (sameProfile(published, profile)) return []
      return [{ type: 'startup.profile-published', data: { startupId, ...profileOf(profile) } }]
    }
  }
  const _never: never = command
  throw new UnknownCommandError(command)
}

/**
 * The stream of one start-up.
 *
 * @example startupStreamId('01JABC') // 'startup-01JABC'
 */
export const startupStreamId = (startupId: string): string => `startup-${startupId}`

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
