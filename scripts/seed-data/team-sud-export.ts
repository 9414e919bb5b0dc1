import type { ExportPeriod } from '../../domain/events/index.js'
import type { TerritorySlug } from '../../domain/shared/territories.js'
import type { RecordProspection, RecordSupport } from '../../domain/team-sud-export/index.js'
import { exportSectors, exportYears, prospectedCountries } from './export-vocabulary.js'
import { prng, type Random } from './prng.js'
import { territoryWeights } from './vocabulary.js'

/** A Team Sud Export command as staff would have recorded it then (`now`: when). */
export type SeedExportRecord = RecordProspection | RecordSupport

/**
 * `total` split in proportion to `weights`, in whole units that add up to it exactly
 * (largest remainders get the units left).
 *
 * @example apportion(10, [1, 1, 1]) // [4, 3, 3]
 */
export const apportion = (total: number, weights: readonly number[]): number[] => {
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((weight) => (sum === 0 ? 0 : (total * weight) / sum))
  const parts = exact.map(Math.floor)
  const order = exact
    .map((value, i) => [value - Math.floor(value), i] as const)
    .sort((a, b) => b[0] - a[0])
  for (let left = total - parts.reduce((a, b) => a + b, 0), k = 0; left > 0; left--, k++) {
    const at = order[k % order.length]![1]
    parts[at] = parts[at]! + 1
  }
  return parts
}

const quarterEnds = ['03-31', '06-30', '09-30', '12-31'] as const
const quarterStarts = ['01-01', '04-01', '07-01', '10-01'] as const

const periodOf = (year: number, quarter: number): ExportPeriod => ({
  from: `${year}-${quarterStarts[quarter]}`,
  to: `${year}-${quarterEnds[quarter]}`,
})

/** Ten days or so after a quarter, at the office, Paris time (summer time April to October). */
const recordedAfter = (period: ExportPeriod, days: number) => {
  const day = new Date(Date.parse(`${period.to}T12:00:00Z`) + days * 86_400_000).toISOString()
  const month = Number(day.slice(5, 7))
  return `${day.slice(0, 10)}T10:30:00${month >= 4 && month <= 10 ? '+02:00' : '+01:00'}`
}

/** A quarter's prospection: a few missions, each a country and a sector, the CES's in the US. */
const prospection = (random: Random, companies: number, ces: boolean) => {
  const cells = new Map<string, { country: string; sector: string; weight: number }>()
  if (ces) cells.set('US/smart-tech', { country: 'US', sector: 'smart-tech', weight: 6 })
  for (let missions = random.int(4, 7); cells.size < missions;) {
    const country = random.weighted(prospectedCountries)
    const sector = random.weighted(exportSectors)
    cells.set(`${country}/${sector}`, { country, sector, weight: 1 + random.next() * 2 })
  }
  const rows = [...cells.values()]
  const counts = apportion(
    companies,
    rows.map((row) => row.weight),
  )
  return rows.map(({ country, sector }, i) => ({ country, sector, companies: counts[i]! }))
}

/** A quarter's support: the territories' companies, the metropolises and Sophia first. */
const support = (random: Random, companies: number) => {
  const weights = territoryWeights.map(([, weight]) => weight * (0.5 + random.next()))
  const counts = apportion(companies, weights)
  return territoryWeights
    .map(([territory], i) => ({ territory: territory as TerritorySlug, companies: counts[i]! }))
    .filter((row) => row.companies > 0)
}

/**
 * Team Sud Export's history from the summer of 2017 to the end of 2020, one prospection and
 * one support record per quarter, recorded some ten days after it, and one correction: CES
 * 2019's follow-up meetings, counted late. The same on every run (seeded PRNG). Through the
 * API each is a staff command with `occurredAt: now` (see the report of the branch).
 *
 * @example buildExportHistory().filter((r) => r.type === 'RecordProspection').length // 14 + 1
 */
export const buildExportHistory = (seed = 20_170_701): SeedExportRecord[] => {
  const random = prng(seed)
  const records: SeedExportRecord[] = []
  for (const { year, prospected, supported, quarters } of exportYears) {
    const byQuarterP = apportion(prospected, quarters)
    const byQuarterS = apportion(supported, quarters)
    quarters.forEach((weight, quarter) => {
      if (weight === 0) return
      const period = periodOf(year, quarter)
      const now = recordedAfter(period, random.int(5, 15))
      const rows = prospection(random, byQuarterP[quarter]!, quarter === 0)
      const q = `${year}-q${quarter + 1}`
      records.push({ type: 'RecordProspection', recordId: `prospection-${q}`, period, rows, now })
      const supportRows = support(random, byQuarterS[quarter]!)
      records.push({
        type: 'RecordSupport',
        recordId: `support-${q}`,
        period,
        rows: supportRows,
        now,
      })
    })
  }
  return withCesFollowUps(records)
}

/** CES 2019's follow-up meetings came in late: its quarter is corrected in May, whole. */
const withCesFollowUps = (records: SeedExportRecord[]): SeedExportRecord[] => {
  const original = records.find((record) => record.recordId === 'prospection-2019-q1')
  if (original?.type !== 'RecordProspection') return records
  const rows = original.rows.map((row) =>
    row.country === 'US' && row.sector === 'smart-tech'
      ? { ...row, companies: row.companies + 140 }
      : row,
  )
  const correction: RecordProspection = {
    ...original,
    recordId: 'prospection-2019-q1-ces-follow-ups',
    corrects: original.recordId,
    rows,
    now: '2019-05-14T11:00:00+02:00',
  }
  const later = records.findIndex((record) => Date.parse(record.now) > Date.parse(correction.now))
  const at = later < 0 ? records.length : later
  return [...records.slice(0, at), correction, ...records.slice(at)]
}
