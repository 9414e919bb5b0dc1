import { z } from 'zod'
import { isoDate, slug } from './event-data.js'

/**
 * Team Sud Export's figures as staff record them: how many foreign companies it prospected
 * (by country and sector) and how many regional companies it supported in their international
 * development (by territory), over a period. The data of `export.prospection-recorded` and
 * `export.support-recorded` (rules in domain/team-sud-export).
 */

/** A record's id, chosen by the caller: what a correction names. */
const recordId = z.string().min(1).max(100)

const companies = z.number().int().min(0).max(100_000)

/**
 * The days a record covers, both included, within one calendar year (so that every figure
 * belongs to exactly one year): a month, a quarter, a show's mission, a year.
 */
export const exportPeriod = z.object({ from: isoDate, to: isoDate })
export type ExportPeriod = z.infer<typeof exportPeriod>

/**
 * Foreign companies prospected in one country (ISO 3166-1 alpha-2) and sector. Rows are a
 * cross-table, so the totals by country and by sector always agree with each other.
 */
export const prospectionRow = z.object({
  country: z.string().regex(/^[A-Z]{2}$/),
  sector: slug,
  companies,
})
export type ProspectionRow = z.infer<typeof prospectionRow>

/** Regional companies supported in one territory (domain/shared/territories.ts). */
export const supportRow = z.object({ territory: slug, companies })
export type SupportRow = z.infer<typeof supportRow>

const record = {
  recordId,
  period: exportPeriod,
  /**
   * The record this one replaces, whole, for the same period: a correction. Its rows are the
   * period's figures from now on (none: the period's record is withdrawn).
   */
  corrects: recordId.optional(),
}

export const prospectionRecorded = z.object({
  ...record,
  rows: z.array(prospectionRow).max(1000),
})

export const supportRecorded = z.object({
  ...record,
  rows: z.array(supportRow).max(100),
})
