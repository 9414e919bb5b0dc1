import { RuleViolationError, type RuleKind } from '../shared/errors.js'
import type { ExportPeriod } from '../events/index.js'

type Details = Record<string, unknown>

const refuse = (code: string, kind: RuleKind, message: string, details: Details) =>
  new RuleViolationError(code, message, kind, details)

const span = ({ from, to }: ExportPeriod) => `${from} to ${to}`

/**
 * Team Sud Export's refusals, written once. Codes are public (problem+json type URIs).
 *
 * @example throw exportErrors.invalidPeriod(period, 'it ends before it starts')
 */
export const exportErrors = {
  invalidPeriod: (period: ExportPeriod, reason: string) =>
    refuse(
      'invalid-export-period',
      'invalid',
      `The period ${span(period)} is not valid: ${reason}.`,
      {
        period,
      },
    ),
  periodNotOver: (period: ExportPeriod, now: string) =>
    refuse(
      'export-period-not-over',
      'invalid',
      `The period ${span(period)} is not over yet: figures are recorded for days gone by.`,
      { period, now },
    ),
  invalidCount: (row: number, value: unknown) =>
    refuse(
      'invalid-export-count',
      'invalid',
      `rows[${row}]: companies must be a whole number, zero or more (got ${String(value)}).`,
      { row, value },
    ),
  notForeign: (row: number, country: string) =>
    refuse(
      'not-a-foreign-country',
      'invalid',
      `rows[${row}]: ${country} is not an assigned ISO country code of a country other than France.`,
      { row, country },
    ),
  unknownTerritory: (row: number, territory: string) =>
    refuse(
      'unknown-territory',
      'invalid',
      `rows[${row}]: ${territory} is not a published territory.`,
      {
        row,
        territory,
      },
    ),
  duplicateRow: (row: number, breakdown: Details) =>
    refuse(
      'duplicate-export-row',
      'invalid',
      `rows[${row}] repeats an earlier row's breakdown: give each one once, with its total.`,
      { row, ...breakdown },
    ),
  emptyRecord: (recordId: string) =>
    refuse(
      'empty-export-record',
      'invalid',
      `Record ${recordId} has no rows: only a correction may empty a period.`,
      { recordId },
    ),
  alreadyExists: (recordId: string) =>
    refuse('export-record-already-exists', 'conflict', `Record ${recordId} already exists.`, {
      recordId,
    }),
  notFound: (recordId: string) =>
    refuse('export-record-not-found', 'not-found', `Record ${recordId} does not exist.`, {
      recordId,
    }),
  superseded: (recordId: string, supersededBy: string) =>
    refuse(
      'export-record-superseded',
      'conflict',
      `Record ${recordId} was already corrected by ${supersededBy}: correct that one.`,
      { recordId, supersededBy },
    ),
  correctionChangesPeriod: (recordId: string, period: ExportPeriod, corrected: ExportPeriod) =>
    refuse(
      'correction-changes-period',
      'invalid',
      `Record ${recordId} covers ${span(corrected)}: a correction covers the same period ` +
        '(to move figures, empty this record with a correction and record the other period).',
      { recordId, period, corrected },
    ),
  alreadyRecorded: (recordId: string, period: ExportPeriod, breakdowns: readonly string[]) =>
    refuse(
      'export-period-already-recorded',
      'conflict',
      `Record ${recordId} (${span(period)}) already counts companies of the same breakdown ` +
        'over some of these days: correct it instead of counting them twice.',
      { recordId, period, breakdowns },
    ),
}
