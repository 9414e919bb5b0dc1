import { instant } from '../edition/guards.js'
import type { ExportPeriod, ProspectionRow, SupportRow } from '../events/index.js'
import { frenchCountryCodes, isCountryCode } from '../shared/countries.js'
import { UnknownCommandError } from '../shared/errors.js'
import { isTerritory } from '../shared/territories.js'
import type { ExportCommand, RecordProspection, RecordSupport } from './commands.js'
import { exportErrors } from './errors.js'
import { breakdownOf, type ExportEvent, type ExportRecordsState } from './state.js'

/** Whether an ISO date names a day of the calendar (the schema checks only its shape). */
const isCalendarDay = (date: string): boolean => {
  const time = Date.parse(`${date}T00:00:00Z`)
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === date
}

/**
 * A period is days gone by, within one calendar year, so every figure belongs to one year
 * (the cumulative figures are per year) and is a fact, not a forecast. "Gone by" is judged
 * on the calendar day of `now` as given: a period may be recorded on its last day.
 */
const checkPeriod = (period: ExportPeriod, now: string) => {
  const { from, to } = period
  for (const day of [from, to]) {
    if (!isCalendarDay(day)) throw exportErrors.invalidPeriod(period, `${day} is no calendar day`)
  }
  if (to < from) throw exportErrors.invalidPeriod(period, 'it ends before it starts')
  if (from.slice(0, 4) !== to.slice(0, 4)) {
    throw exportErrors.invalidPeriod(period, 'it spans two calendar years: record each year apart')
  }
  instant('now', now)
  if (to > now.slice(0, 10)) throw exportErrors.periodNotOver(period, now)
}

/** Counts are whole and not negative, and each breakdown comes once (with its total). */
const checkRows = <Row extends ProspectionRow | SupportRow>(
  rows: readonly Row[],
  checkRow: (row: Row, index: number) => void,
): string[] => {
  const seen = new Set<string>()
  rows.forEach((row, index) => {
    if (!Number.isSafeInteger(row.companies) || row.companies < 0) {
      throw exportErrors.invalidCount(index, row.companies)
    }
    checkRow(row, index)
    const breakdown = breakdownOf(row)
    if (seen.has(breakdown)) throw exportErrors.duplicateRow(index, { breakdown })
    seen.add(breakdown)
  })
  return [...seen]
}

const foreignCountry = ({ country }: ProspectionRow, index: number) => {
  if (!isCountryCode(country) || frenchCountryCodes.includes(country)) {
    throw exportErrors.notForeign(index, country)
  }
}

const publishedTerritory = ({ territory }: SupportRow, index: number) => {
  if (!isTerritory(territory)) throw exportErrors.unknownTerritory(index, territory)
}

const overlap = (a: ExportPeriod, b: ExportPeriod) => a.from <= b.to && b.from <= a.to

/**
 * A correction names a live record of this stream and keeps its period: it replaces it whole.
 */
const checkCorrection = (command: RecordProspection | RecordSupport, state: ExportRecordsState) => {
  const { corrects, period } = command
  if (corrects === undefined) return
  const corrected = state.records.get(corrects)
  if (corrected === undefined) throw exportErrors.notFound(corrects)
  if (corrected.supersededBy !== undefined)
    throw exportErrors.superseded(corrects, corrected.supersededBy)
  const same = corrected.period.from === period.from && corrected.period.to === period.to
  if (!same) throw exportErrors.correctionChangesPeriod(corrects, period, corrected.period)
}

/**
 * The same companies are never counted twice: no other live record of this kind may cover
 * one of these days for one of these breakdowns. Two records may share days with different
 * breakdowns (the Japan mission and the US one in one quarter), and a correction is checked
 * without the record it replaces.
 */
const checkNotRecorded = (
  command: RecordProspection | RecordSupport,
  breakdowns: readonly string[],
  state: ExportRecordsState,
) => {
  for (const [recordId, entry] of state.records) {
    if (entry.supersededBy !== undefined || recordId === command.corrects) continue
    if (!overlap(entry.period, command.period)) continue
    const shared = breakdowns.filter((breakdown) => entry.breakdowns.has(breakdown))
    if (shared.length > 0) throw exportErrors.alreadyRecorded(recordId, entry.period, shared)
  }
}

const record = <Command extends RecordProspection | RecordSupport>(
  command: Command,
  state: ExportRecordsState,
  checkRow: (row: Command['rows'][number], index: number) => void,
) => {
  const { recordId, period, rows, corrects, now } = command
  checkPeriod(period, now)
  const breakdowns = checkRows(rows, checkRow)
  if (rows.length === 0 && corrects === undefined) throw exportErrors.emptyRecord(recordId)
  if (state.records.has(recordId)) throw exportErrors.alreadyExists(recordId)
  checkCorrection(command, state)
  checkNotRecorded(command, breakdowns, state)
  const correction = corrects === undefined ? {} : { corrects }
  return { recordId, period: { ...period }, ...correction }
}

/**
 * Decides what a Team Sud Export command causes, or throws a RuleViolationError. The state
 * is the stream of the command's kind and of its period's year (see state.ts).
 *
 * @example decideExport({ type: 'RecordSupport', recordId, period, rows, now }, state)
 */
export const decideExport = (command: ExportCommand, state: ExportRecordsState): ExportEvent[] => {
  switch (command.type) {
    case 'RecordProspection': {
      const data = record(command, state, foreignCountry)
      const rows = command.rows.map(({ country, sector, companies }) => ({
        country,
        sector,
        companies,
      }))
      return [{ type: 'export.prospection-recorded', data: { ...data, rows } }]
    }
    case 'RecordSupport': {
      const data = record(command, state, publishedTerritory)
      const rows = command.rows.map(({ territory, companies }) => ({ territory, companies }))
      return [{ type: 'export.support-recorded', data: { ...data, rows } }]
    }
  }
  const _never: never = command
  throw new UnknownCommandError(_never)
}
