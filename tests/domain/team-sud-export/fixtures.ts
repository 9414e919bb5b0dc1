import type { ExportPeriod } from '../../../domain/events/index.js'
import type {
  ExportEvent,
  RecordProspection,
  RecordSupport,
} from '../../../domain/team-sud-export/index.js'

/** Staff record 2019's figures in January 2020. */
export const now = '2020-01-15T10:00:00+01:00'
export const q1: ExportPeriod = { from: '2019-01-01', to: '2019-03-31' }
export const q2: ExportPeriod = { from: '2019-04-01', to: '2019-06-30' }

export const prospectionRows = [
  { country: 'US', sector: 'ai', companies: 120 },
  { country: 'JP', sector: 'health', companies: 40 },
]
export const supportRows = [
  { territory: 'aix-marseille-provence' as const, companies: 18 },
  { territory: 'nice-cote-d-azur' as const, companies: 11 },
]

export const recordProspection = (
  recordId: string,
  overrides: Partial<RecordProspection> = {},
): RecordProspection => ({
  type: 'RecordProspection',
  recordId,
  period: q1,
  rows: prospectionRows,
  now,
  ...overrides,
})

export const recordSupport = (
  recordId: string,
  overrides: Partial<RecordSupport> = {},
): RecordSupport => ({
  type: 'RecordSupport',
  recordId,
  period: q1,
  rows: supportRows,
  now,
  ...overrides,
})

/** The event a command causes when the rules let it through. */
export const recorded = (command: RecordProspection | RecordSupport): ExportEvent => {
  const { type, now: _now, ...data } = command
  return type === 'RecordProspection'
    ? { type: 'export.prospection-recorded', data: { ...data, rows: command.rows } }
    : { type: 'export.support-recorded', data: { ...data, rows: command.rows } }
}
