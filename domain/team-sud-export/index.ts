import type { Aggregate } from '../shared/decider.js'
import type { ExportCommand } from './commands.js'
import { decideExport } from './decide.js'
import {
  evolveExportRecords,
  exportRecordsSnapshot,
  initialExportRecordsState,
  type ExportEvent,
  type ExportKind,
  type ExportRecordsState,
} from './state.js'

export * from './commands.js'
export { decideExport } from './decide.js'
export { exportErrors } from './errors.js'
export * from './state.js'

/**
 * The id of Team Sud Export's records of one kind and year (see state.ts).
 *
 * @example exportRecordsId('prospection', 2019) // 'prospection-2019'
 */
export const exportRecordsId = (kind: ExportKind, year: number): string => `${kind}-${year}`

/**
 * The records a command belongs with: its kind's, in its period's year.
 *
 * @example exportRecordsIdOf({ type: 'RecordSupport', period: { from: '2019-01-01', … }, … }) // 'support-2019'
 */
export const exportRecordsIdOf = (command: Pick<ExportCommand, 'type' | 'period'>): string =>
  exportRecordsId(
    command.type === 'RecordProspection' ? 'prospection' : 'support',
    Number(command.period.from.slice(0, 4)),
  )

/**
 * The stream of one kind's records in one year.
 *
 * @example exportStreamId('prospection-2019') // 'team-sud-export-prospection-2019'
 */
export const exportStreamId = (id: string): string => `team-sud-export-${id}`

/**
 * Team Sud Export's records as one value.
 *
 * @example exportDecider.decide(command, fold(exportDecider, events), undefined)
 */
export const exportDecider: Aggregate<ExportCommand, ExportEvent, ExportRecordsState> = {
  decide: (command, state) => decideExport(command, state),
  evolve: evolveExportRecords,
  initialState: initialExportRecordsState,
  streamId: exportStreamId,
  snapshot: exportRecordsSnapshot,
}
