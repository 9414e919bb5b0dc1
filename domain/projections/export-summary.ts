import { z } from 'zod'
import { own, put } from './draft-ops.js'
import type { ExportFiguresDoc } from './export-figures.js'

const counts = z.record(z.string(), z.number().int())

/** One year of Team Sud Export, with the running totals since the first year recorded. */
export const exportYear = z.object({
  year: z.number().int(),
  prospected: z.number().int(),
  supported: z.number().int(),
  prospectedToDate: z.number().int(),
  supportedToDate: z.number().int(),
})

/**
 * Team Sud Export's cumulative figures: per year, and in all (by country, sector and
 * territory) up to `throughYear` ("more than 5,000 companies prospected by 2020").
 */
export const exportSummary = z.object({
  throughYear: z.number().int().nullable(),
  years: z.array(exportYear),
  prospected: z.object({ total: z.number().int(), byCountry: counts, bySector: counts }),
  supported: z.object({ total: z.number().int(), byTerritory: counts }),
})
export type ExportSummary = z.infer<typeof exportSummary>

const addAll = (into: Record<string, number>, from: Readonly<Record<string, number>>) => {
  for (const [key, count] of Object.entries(from)) put(into, key, (own(into, key) ?? 0) + count)
}

/**
 * Adds the years' documents up (`export-figures`, one Query), the years in order.
 *
 * @example summariseExportFigures(docs, { throughYear: 2020 }).prospected.total // 5 2xx
 */
export const summariseExportFigures = (
  docs: readonly ExportFiguresDoc[],
  { throughYear }: { throughYear?: number } = {},
): ExportSummary => {
  const summary: ExportSummary = {
    throughYear: throughYear ?? null,
    years: [],
    prospected: { total: 0, byCountry: {}, bySector: {} },
    supported: { total: 0, byTerritory: {} },
  }
  const years = docs
    .filter((doc) => throughYear === undefined || doc.year <= throughYear)
    .sort((a, b) => a.year - b.year)
  for (const { year, prospected, supported } of years) {
    summary.prospected.total += prospected.total
    addAll(summary.prospected.byCountry, prospected.byCountry)
    addAll(summary.prospected.bySector, prospected.bySector)
    summary.supported.total += supported.total
    addAll(summary.supported.byTerritory, supported.byTerritory)
    summary.years.push({
      year,
      prospected: prospected.total,
      supported: supported.total,
      prospectedToDate: summary.prospected.total,
      supportedToDate: summary.supported.total,
    })
  }
  return summary
}
