import { z } from 'zod'
import { applicationSubmitted, type EventOf } from '../events/index.js'
import type { SnapshotCodec } from '../shared/decider.js'
import { normaliseEmail } from '../shared/email.js'

/**
 * Stream `application-<applicationId>` holds one application's life: submitted, then
 * selected or rejected, possibly withdrawn. Its own stream means a start-up applying
 * never waits on another's version; what must hold across applications is kept
 * elsewhere: one application per start-up and edition by a guard item, the edition's
 * seats by a counter written with each selection (see functions/http/routes).
 *
 * An application made for a registered start-up by a contact it does not name starts
 * `held` instead: staff confirm it (it is then `submitted`, the start-up's application
 * like any other) or dismiss it.
 */
export type ApplicationEvent = EventOf<
  | 'application.held'
  | 'application.submitted'
  | 'application.selected'
  | 'application.rejected'
  | 'application.withdrawn'
  | 'application.dismissed'
>

export type ApplicationStatus = 'held' | 'submitted' | 'selected' | 'rejected' | 'withdrawn' | 'dismissed'

/** What a held application was submitted with: its confirmation submits it as it came. */
export type Submission = EventOf<'application.submitted'>['data']

interface Ids {
  applicationId: string
  editionId: string
  startupId: string
  /**
   * Its contact's address, normalised (null once erased): a start-up's recovery may find
   * it not to be the start-up's, and the application is then dismissed.
   */
  contactEmail: string | null
}

export type ApplicationState =
  | { status: 'absent' }
  | (Ids & { status: 'held'; submission: Submission })
  | (Ids & { status: Exclude<ApplicationStatus, 'held'> })

export const initialApplicationState: ApplicationState = Object.freeze({ status: 'absent' })

const statusAfter = {
  'application.held': 'held',
  'application.submitted': 'submitted',
  'application.selected': 'selected',
  'application.rejected': 'rejected',
  'application.withdrawn': 'withdrawn',
  'application.dismissed': 'dismissed',
} as const satisfies Record<ApplicationEvent['type'], ApplicationStatus>

/**
 * Folds one application event into the state. The state is three ids, the contact’s address
 * and a status (and while held, what it was submitted with), so a new object per event
 * costs O(1).
 *
 * @example fold(applicationDecider, [submitted, selected]).status // 'selected'
 */
export const evolveApplication = (
  state: ApplicationState,
  event: ApplicationEvent,
): ApplicationState => {
  const { applicationId, editionId, startupId } = event.data
  const contactEmail =
    event.type === 'application.held' || event.type === 'application.submitted'
      ? emailOf(event.data.contact)
      : state.status === 'absent'
        ? null
        : state.contactEmail
  const ids = { applicationId, editionId, startupId, contactEmail }
  if (event.type === 'application.held') return { status: 'held', ...ids, submission: event.data }
  return { status: statusAfter[event.type], ...ids }
}

const emailOf = (contact: Submission['contact']): string | null =>
  contact === null ? null : normaliseEmail(contact.email)

/** Whether the application holds a seat of the delegation. */
export const isMember = (state: ApplicationState): boolean => state.status === 'selected'

const ids = {
  applicationId: z.string(),
  editionId: z.string(),
  startupId: z.string(),
  contactEmail: z.string().nullable(),
}
const storedApplication = z.union([
  z.object({ status: z.literal('absent') }),
  z.object({ status: z.literal('held'), ...ids, submission: applicationSubmitted }),
  z.object({
    status: z.enum(['submitted', 'selected', 'rejected', 'withdrawn', 'dismissed']),
    ...ids,
  }),
])

/** Snapshots of an application: the state is plain data already. */
export const applicationSnapshot: SnapshotCodec<ApplicationState> = {
  // 3: the contact's address kept (recoveries), the submission's language (held).
  foldVersion: 3,
  encode: (state) => state,
  decode: (stored) => storedApplication.parse(stored),
}
