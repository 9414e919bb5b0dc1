import { z } from 'zod'
import { outcomesReported, type EventOf } from '../events/index.js'
import type { SnapshotCodec } from '../shared/decider.js'

/**
 * Stream `outcomes-<editionId>.<startupId>` holds one member's reports for one edition, each
 * superseding the one before. Why a stream of its own:
 *
 * - Not the edition's stream: in the weeks after a show every member reports, and on the
 *   edition's stream each report would contend with the others on its version (and make it
 *   long). Here a report never conflicts with another start-up's.
 * - Not the application's stream: its version is what staff pin with If-Match to decide or
 *   withdraw, and a report is no step of the application's life.
 * - Supersession needs only this stream's order: its events are the report's versions, and
 *   the last one is the report.
 * - Membership is a fact of the application's stream: the handler reads it (found by the
 *   edition's one-application guard) and the append checks it unchanged, so a withdrawal
 *   racing a report makes it decide again; the edition is read for its dates, which never
 *   change once opened (closing it does not stop reports: they come after the show).
 *
 * The edition id is a slug (no `.`), so `<editionId>.<startupId>` names one pair only.
 */
export type OutcomesEvent = EventOf<'outcomes.reported'>

export type OutcomesReport = OutcomesEvent['data']

/**
 * The report as it stands (null before the first) and how many versions it had: what the
 * next revision is numbered after, and what the back-office shows and staff correct.
 */
export interface OutcomesState {
  readonly revision: number
  readonly current: OutcomesReport | null
}

export const initialOutcomesState: OutcomesState = Object.freeze({ revision: 0, current: null })

/**
 * Folds one report into the state: it becomes the report, whole (O(1): the state holds one
 * report, never a history).
 *
 * @example fold(outcomesDecider, [first, second]).revision // 2
 */
export const evolveOutcomes = (_state: OutcomesState, event: OutcomesEvent): OutcomesState => ({
  revision: event.data.revision,
  current: event.data,
})

const storedOutcomes = z.object({
  revision: z.number().int().min(0),
  current: outcomesReported.nullable(),
})

/** Snapshots of a member's outcomes: the state is plain data already. */
export const outcomesSnapshot: SnapshotCodec<OutcomesState> = {
  foldVersion: 1,
  encode: (state) => state,
  decode: (stored) => storedOutcomes.parse(stored),
}
