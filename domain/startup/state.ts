import { z } from 'zod'
import {
  formLanguage,
  publicProfile,
  type Contact,
  type EventOf,
  type Language,
  type PublicProfile,
} from '../events/index.js'
import type { SnapshotCodec } from '../shared/decider.js'
import { normaliseEmail } from '../shared/email.js'

/**
 * Stream `startup-<startupId>` holds the start-up's record: its registration, the
 * corrections and recovery staff made, and each publication of its public profile.
 */
export type StartupEvent = EventOf<
  | 'startup.registered'
  | 'startup.profile-corrected'
  | 'startup.recovered'
  | 'startup.profile-published'
>

export interface StartupState {
  readonly status: 'absent' | 'registered'
  readonly siret: string | null
  /**
   * The contact people's addresses the start-up gave (normalised): an application from
   * anyone else is not the start-up's until staff confirm it (see domain/application).
   */
  readonly contactEmails: readonly string[]
  /**
   * Addresses a recovery found not to be the start-up's (whoever registered it first in
   * its name): their applications may be dismissed, whatever became of them.
   */
  readonly disownedEmails: readonly string[]
  /** The public profile as registered, corrected or recovered since; null until registered. */
  readonly profile: PublicProfile | null
  readonly description: string | null
  /** The language messages to the registered contact are written in. */
  readonly contactLanguage: Language
  /** The profile partners received last (`startup.profile-published`); null until then. */
  readonly published: PublicProfile | null
}

export const initialStartupState: StartupState = Object.freeze({
  status: 'absent',
  siret: null,
  contactEmails: Object.freeze([]),
  disownedEmails: Object.freeze([]),
  profile: null,
  description: null,
  contactLanguage: 'fr',
  published: null,
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
 * Whether a recovery found an address not to be the start-up's (compared normalised).
 *
 * @example isDisownedContact(recovered, 'eve@elsewhere.example') // true
 */
export const isDisownedContact = (state: StartupState, email: string): boolean =>
  state.disownedEmails.includes(normaliseEmail(email))

/**
 * The public profile of a start-up as its fields say it, in one order.
 *
 * @example profileOf(registered.data) // { name, city, territory, website, themes }
 */
export const profileOf = ({
  name,
  city,
  territory,
  website,
  themes,
}: PublicProfile): PublicProfile => ({
  name,
  city,
  territory,
  website,
  themes: [...themes],
})

/** Whether two profiles say the same (themes in the same order). */
export const sameProfile = (a: PublicProfile | null, b: PublicProfile | null): boolean =>
  a !== null && b !== null && JSON.stringify(profileOf(a)) === JSON.stringify(profileOf(b))

// Erased (null): the start-up has no known contact left; a new one needs staff to confirm.
const emailsOf = (contact: Contact | null): string[] =>
  contact === null ? [] : [normaliseEmail(contact.email)]

const correct = (
  state: StartupState,
  data: EventOf<'startup.profile-corrected'>['data'],
): StartupState => {
  const { name, city, territory, website, themes, description, contact, language } = data
  const { profile } = state // never null here: a correction follows the registration
  const contactEmails = contact === undefined ? state.contactEmails : emailsOf(contact)
  return {
    ...state,
    profile: profile && {
      name: name ?? profile.name,
      city: city ?? profile.city,
      territory: territory ?? profile.territory,
      website: website ?? profile.website,
      themes: themes ? [...themes] : profile.themes,
    },
    description: description ?? state.description,
    contactEmails,
    disownedEmails: state.disownedEmails.filter((email) => !contactEmails.includes(email)),
    contactLanguage: language ?? state.contactLanguage,
  }
}

const recover = (state: StartupState, data: EventOf<'startup.recovered'>['data']): StartupState => {
  const contactEmails = emailsOf(data.contact)
  const disowned = new Set([...state.disownedEmails, ...state.contactEmails])
  for (const email of contactEmails) disowned.delete(email)
  return {
    ...state,
    profile: profileOf(data),
    description: data.description,
    contactEmails,
    disownedEmails: [...disowned],
    contactLanguage: data.language,
  }
}

/**
 * Folds one start-up event into the state. A handful of events per start-up, so a new
 * object per event costs nothing worth a draft.
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
        contactEmails: emailsOf(event.data.contact),
        profile: profileOf(event.data),
        description: event.data.description,
        contactLanguage: event.data.language,
      }
    case 'startup.profile-corrected':
      return correct(state, event.data)
    case 'startup.recovered':
      return recover(state, event.data)
    case 'startup.profile-published':
      return { ...state, published: profileOf(event.data) }
  }
}

const storedStartup = z.object({
  status: z.enum(['absent', 'registered']),
  siret: z.string().nullable(),
  contactEmails: z.array(z.string()),
  disownedEmails: z.array(z.string()),
  profile: publicProfile.nullable(),
  description: z.string().nullable(),
  contactLanguage: formLanguage,
  published: publicProfile.nullable(),
})

/** Snapshots of a start-up: the state is plain data already. */
export const startupSnapshot: SnapshotCodec<StartupState> = {
  // 3: corrections, recoveries and publications (the profile, disowned contacts, language).
  foldVersion: 3,
  encode: (state) => state,
  decode: (stored) => storedStartup.parse(stored),
}
