import { z } from 'zod'
import type { EventOf } from '../events/index.js'
import type { SnapshotCodec } from '../shared/decider.js'

/**
 * Stream `application-<applicationId>` holds one application's life: submitted, then
 * selected or rejected, possibly withdrawn. Its own stream means a start-up applying
 * never waits on another's version; what must hold across applications is kept
 * elsewhere: one application per start-up and edition by a guard item, the edition's
 * seats by a counter written with each selection (see functions/api/routes).
 */
export type ApplicationEvent = EventOf<
  | 'application.submitted'
  | 'application.selected'
  | 'application.rejected'
  | 'application.withdrawn'
>

export type ApplicationStatus = 'submitted' | 'selected' | 'rejected' | 'withdrawn'

export type ApplicationState =
  | { status: 'absent' }
  | { status: ApplicationStatus; applicationId: string; editionId: string; startupId: string }

export const initialApplicationState: ApplicationState = Object.freeze({ status: 'absent' })

const statusAfter = {
  'application.submitted': 'submitted',
  'application.selected': 'selected',
  'application.rejected': 'rejected',
  'application.withdrawn': 'withdrawn',
} as const satisfies Record<ApplicationEvent['type'], ApplicationStatus>

/**
 * Folds one application event into the state. The state is three ids and a status, so
 * a new object per event costs O(1).
 *
 * @example fold(applicationDecider, [submitted, selected]).status // 'selected'
 */
export const evolveApplication = (
  state: ApplicationState,
  event: ApplicationEvent,
): ApplicationState => {
  const { applicationId, editionId, startupId } = event.data
  return { status: statusAfter[event.type], applicationId, editionId, startupId }
}

/** Whether the application holds a seat of the delegation. */
export const isMember = (state: ApplicationState): boolean => state.status === 'selected'

const storedApplication = z.union([
  z.object({ status: z.literal('absent') }),
  z.object({
    status: z.enum(['submitted', 'selected', 'rejected', 'withdrawn']),
    applicationId: z.string(),
    editionId: z.string(),
    startupId: z.string(),
  }),
])

/** Snapshots of an application: the state is plain data already. */
export const applicationSnapshot: SnapshotCodec<ApplicationState> = {
  foldVersion: 1,
  encode: (state) => state,
  decode: (stored) => storedApplication.parse(stored),
}
