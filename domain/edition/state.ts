import type { EventOf } from '../events/index.js'
import { applicationOf } from './queries.js'

/**
 * Stream `edition-<editionId>` holds the edition and everything decided inside it:
 * applications, selections, awards and partner joins. The edition is the consistency
 * boundary for the deadline, one application per start-up, capacity, membership for
 * awards and one join per partner, so all of them are checked against one version.
 */
export type EditionEvent = EventOf<
  | 'edition.opened'
  | 'edition.closed'
  | 'application.submitted'
  | 'application.selected'
  | 'application.rejected'
  | 'application.withdrawn'
  | 'award.won'
  | 'partner.joined'
>

export type EditionData = EventOf<'edition.opened'>['data']
export type EditionStatus = 'absent' | 'open' | 'closed'
export type ApplicationStatus = 'submitted' | 'selected' | 'rejected' | 'withdrawn'

export interface ApplicationEntry {
  readonly startupId: string
  readonly status: ApplicationStatus
}

/** Only what the rules need; plain records and arrays so it serialises as is. */
export interface EditionState {
  readonly status: EditionStatus
  readonly edition: EditionData | null
  readonly applications: Readonly<Record<string, ApplicationEntry>>
  readonly applicationIdByStartup: Readonly<Record<string, string>>
  /** Start-ups currently in the delegation (selected and not withdrawn). */
  readonly memberStartupIds: readonly string[]
  readonly partnerIds: readonly string[]
  readonly awardKeys: readonly string[]
  readonly selectedCount: number
}

export const initialEditionState: EditionState = {
  status: 'absent',
  edition: null,
  applications: {},
  applicationIdByStartup: {},
  memberStartupIds: [],
  partnerIds: [],
  awardKeys: [],
  selectedCount: 0,
}

/**
 * The key that makes an award unique within an edition; JSON keeps free-text
 * categories from colliding.
 *
 * @example awardKey('s1', 'honoree', 'Sustainability') // '["s1","honoree","Sustainability"]'
 */
export const awardKey = (startupId: string, award: string, category: string): string =>
  JSON.stringify([startupId, award, category])

const withStatus = (
  state: EditionState,
  applicationId: string,
  status: ApplicationStatus,
): EditionState => {
  const application = applicationOf(state, applicationId)
  if (application === undefined) return state
  const members = state.memberStartupIds.filter((id) => id !== application.startupId)
  const memberStartupIds = status === 'selected' ? [...members, application.startupId] : members
  return {
    ...state,
    applications: { ...state.applications, [applicationId]: { ...application, status } },
    memberStartupIds,
    selectedCount: memberStartupIds.length,
  }
}

/**
 * Folds one edition event into the state.
 *
 * @example const state = evolveEdition(initialEditionState, openedEvent)
 */
export const evolveEdition = (state: EditionState, event: EditionEvent): EditionState => {
  switch (event.type) {
    case 'edition.opened':
      return { ...state, status: 'open', edition: event.data }
    case 'edition.closed':
      return { ...state, status: 'closed' }
    case 'application.submitted': {
      const { applicationId, startupId } = event.data
      return {
        ...state,
        applications: {
          ...state.applications,
          [applicationId]: { startupId, status: 'submitted' },
        },
        applicationIdByStartup: { ...state.applicationIdByStartup, [startupId]: applicationId },
      }
    }
    case 'application.selected':
      return withStatus(state, event.data.applicationId, 'selected')
    case 'application.rejected':
      return withStatus(state, event.data.applicationId, 'rejected')
    case 'application.withdrawn':
      return withStatus(state, event.data.applicationId, 'withdrawn')
    case 'award.won': {
      const { startupId, award, category } = event.data
      return { ...state, awardKeys: [...state.awardKeys, awardKey(startupId, award, category)] }
    }
    case 'partner.joined':
      return { ...state, partnerIds: [...state.partnerIds, event.data.partnerId] }
  }
}
