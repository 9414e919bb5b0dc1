import {
  exportDecider,
  exportRecordsIdOf,
  type ExportKind,
  type ExportRecordsState,
  type RecordProspection,
  type RecordSupport,
} from '../../domain/team-sud-export/index.js'
import { effectiveTime, type CommandContext } from './command-context.js'
import type { UseCase } from './handle-command.js'

/** A record as staff give it: prospection or support, without the time (the context's). */
export type ExportRecordRequest = Omit<RecordProspection, 'now'> | Omit<RecordSupport, 'now'>

export interface ExportRecorded {
  readonly recordId: string
  readonly kind: ExportKind
  readonly year: number
  /** The record this one corrected, if it is a correction. */
  readonly corrects?: string
}

/**
 * Staff record Team Sud Export's prospection or support over a period, or correct a
 * record whole. The record goes on the stream of its kind and its period's year
 * (`team-sud-export-prospection-2019`), the only records it could overlap with, so the
 * "never counted twice" rule is decided on one stream and nothing else waits on it.
 *
 * @example await handleCommand(deps, recordExportFigures({ type: 'RecordSupport', recordId, period, rows }, context), context)
 */
export const recordExportFigures = (request: ExportRecordRequest, context: CommandContext): UseCase<ExportRecordsState, ExportRecorded> => {
  const command: RecordProspection | RecordSupport = { ...request, now: effectiveTime(context) }
  const kind: ExportKind = command.type === 'RecordProspection' ? 'prospection' : 'support'
  const { recordId, corrects } = command
  const result = { recordId, kind, year: Number(command.period.from.slice(0, 4)), ...(corrects === undefined ? {} : { corrects }) }
  return {
    aggregate: exportDecider,
    id: exportRecordsIdOf(command),
    decide: ({ state }) => ({ events: exportDecider.decide(command, state, undefined), result }),
  }
}
