import { applicationDecider, type ApplicationEvent } from '../../../domain/application/index.js'
import { editionDecider, type EditionEvent } from '../../../domain/edition/index.js'
import type { OutcomeFigures } from '../../../domain/events/index.js'
import {
  outcomesDecider,
  type OutcomesEvent,
  type ReportOutcomes,
} from '../../../domain/outcomes/index.js'
import { fold } from '../../../domain/shared/decider.js'
import { editionId } from '../edition/fixtures.js'
import type { Decide } from '../given-when-then.js'

/** A week after CES 2020 (7–10 January), in Marseille. */
export const afterShow = '2020-01-20T10:00:00+01:00'

export const figures: OutcomeFigures = {
  businessContacts: 45,
  dealsSigned: 2,
  dealsValueBand: '100k-1m',
  fundsRaisedEur: 0,
  pressArticles: 3,
  jobsCreated: 1,
  jobsPlanned: 4,
}

export const reportOutcomes = (
  startupId: string,
  overrides: Partial<ReportOutcomes> = {},
): ReportOutcomes => ({
  type: 'ReportOutcomes',
  editionId,
  startupId,
  ...figures,
  reportedBy: { by: 'startup' },
  now: afterShow,
  ...overrides,
})

/** The event a report causes: `applicationId` is `app-<n>` for start-up `s<n>`. */
export const reported = (
  startupId: string,
  revision: number,
  overrides: Partial<OutcomesEvent['data']> = {},
): OutcomesEvent => ({
  type: 'outcomes.reported',
  data: {
    editionId,
    startupId,
    applicationId: `app-${startupId.slice(1)}`,
    revision,
    ...figures,
    reportedBy: { by: 'startup' },
    ...overrides,
  },
})

export type OutcomesHistoryEvent = EditionEvent | ApplicationEvent | OutcomesEvent

const isOutcomes = (event: OutcomesHistoryEvent): event is OutcomesEvent =>
  event.type === 'outcomes.reported'
const isApplication = (event: OutcomesHistoryEvent): event is ApplicationEvent =>
  event.type.startsWith('application.')

/**
 * Decides a report the way the command API does, from the edition's stream, the
 * applications' and the outcomes' streams mixed: the edition's state, the start-up's
 * application to the edition (if it applied), and its own outcomes stream.
 *
 * @example specOf(decideReport).given([opened(), submitted('app-1', 's1'), selected('app-1', 's1')])
 */
export const decideReport: Decide<ReportOutcomes, OutcomesHistoryEvent> = (command, history) => {
  const ours = (event: OutcomesEvent | ApplicationEvent) =>
    event.data.editionId === command.editionId && event.data.startupId === command.startupId
  const edition = fold(
    editionDecider,
    history.filter((event): event is EditionEvent => !isOutcomes(event) && !isApplication(event)),
  )
  const applied = history.filter(isApplication).filter(ours)
  const application = applied.length > 0 ? fold(applicationDecider, applied) : undefined
  const state = fold(outcomesDecider, history.filter(isOutcomes).filter(ours))
  return outcomesDecider.decide(
    command,
    state,
    application ? { edition, application } : { edition },
  )
}
