import { z } from 'zod'
import { exportPeriod, type EventOf, type ExportPeriod } from '../events/index.js'
import type { SnapshotCodec } from '../shared/decider.js'

/**
 * Stream `team-sud-export-<kind>-<year>` (`team-sud-export-prospection-2019`) holds Team Sud
 * Export's records of one kind whose period falls in one calendar year, and their
 * corrections. What must be decided together is exactly that: a period must not be counted
 * twice, and only records of one kind and one year can overlap (a period lies within its
 * year, and a correction keeps its record's period). Staff record a few a month, so the
 * stream stays short and no record waits on another kind's or year's.
 */
export type ExportEvent = EventOf<'export.prospection-recorded' | 'export.support-recorded'>

export type ExportKind = 'prospection' | 'support'

/** What the rules need of a record: its days, its breakdowns, and whether a correction replaced it. */
export interface ExportRecordEntry {
  readonly period: ExportPeriod
  /** Its rows' breakdowns: `US/ai` (country/sector) for prospection, the territory for support. */
  readonly breakdowns: Set<string>
  supersededBy?: string
}

export interface ExportRecordsState {
  readonly records: Map<string, ExportRecordEntry>
}

export const initialExportRecordsState: ExportRecordsState = Object.freeze({
  records: new Map<string, ExportRecordEntry>(),
})

/**
 * The breakdown a row counts in: `US/ai` (country/sector; a sector is a slug and a country
 * two letters, so this names one pair) for prospection, the territory for support.
 *
 * @example breakdownOf({ country: 'US', sector: 'ai', companies: 40 }) // 'US/ai'
 */
export const breakdownOf = (
  row: { territory: string } | { country: string; sector: string },
): string => ('territory' in row ? row.territory : `${row.country}/${row.sector}`)

/**
 * Folds one record into a draft state, in place (see domain/shared/decider.ts): a correction
 * marks the record it replaces. O(its rows).
 *
 * @example fold(exportDecider, [recorded, corrected]).records.get('q1')?.supersededBy // 'q1-fix'
 */
export const evolveExportRecords = (
  draft: ExportRecordsState,
  event: ExportEvent,
): ExportRecordsState => {
  const { recordId, period, rows, corrects } = event.data
  const corrected = corrects === undefined ? undefined : draft.records.get(corrects)
  if (corrected) corrected.supersededBy = recordId
  draft.records.set(recordId, { period: { ...period }, breakdowns: new Set(rows.map(breakdownOf)) })
  return draft
}

const storedRecords = z.object({
  records: z.array(
    z.tuple([
      z.string(),
      z.object({
        period: exportPeriod,
        breakdowns: z.array(z.string()),
        supersededBy: z.string().optional(),
      }),
    ]),
  ),
})

/** Snapshots of a stream's records: Maps and Sets as arrays. */
export const exportRecordsSnapshot: SnapshotCodec<ExportRecordsState> = {
  foldVersion: 1,
  encode: (state) => ({
    records: [...state.records].map(([id, entry]) => [
      id,
      { ...entry, breakdowns: [...entry.breakdowns] },
    ]),
  }),
  decode: (stored) => ({
    records: new Map(
      storedRecords
        .parse(stored)
        .records.map(([id, { breakdowns, ...entry }]) => [
          id,
          { ...entry, breakdowns: new Set(breakdowns) },
        ]),
    ),
  }),
}
