import { z } from 'zod'
import { type EventOf, prospectionRow, supportRow } from '../events/index.js'
import { collections, projectionNames } from './collections.js'
import { own, put } from './draft-ops.js'
import type { DocKey, Draft, FeedEvent, Projection } from './projection.js'

const counts = z.record(z.string(), z.number().int())

/**
 * Team Sud Export's figures for one calendar year (`export-figures/<year>`): foreign companies
 * prospected, in all and by country and sector, and regional companies supported, in all and
 * by territory. Breakdowns with no company are absent. Each section keeps its live records'
 * rows, to take them back out when a correction replaces one: programme figures, no company
 * named, so nothing here is any one company's.
 */
export const exportFiguresDoc = z.object({
  year: z.number().int(),
  prospected: z.object({
    total: z.number().int(),
    byCountry: counts,
    bySector: counts,
    records: z.record(z.string(), z.array(prospectionRow)),
  }),
  supported: z.object({
    total: z.number().int(),
    byTerritory: counts,
    records: z.record(z.string(), z.array(supportRow)),
  }),
})
export type ExportFiguresDoc = z.infer<typeof exportFiguresDoc>
type Prospected = ExportFiguresDoc['prospected']
type Supported = ExportFiguresDoc['supported']
type ExportEvent = EventOf<'export.prospection-recorded' | 'export.support-recorded'>

const blank = (year: number): ExportFiguresDoc => ({
  year,
  prospected: { total: 0, byCountry: {}, bySector: {}, records: {} },
  supported: { total: 0, byTerritory: {}, records: {} },
})

/** Adds `by` to a breakdown's count in place; a breakdown back to zero goes. */
const add = (record: Record<string, number>, key: string, by: number) => {
  const count = (own(record, key) ?? 0) + by
  if (count === 0) delete record[key]
  else put(record, key, count)
}

const countProspected = (
  section: Prospected,
  rows: readonly z.infer<typeof prospectionRow>[],
  sign: 1 | -1,
) => {
  for (const { country, sector, companies } of rows) {
    section.total += sign * companies
    add(section.byCountry, country, sign * companies)
    add(section.bySector, sector, sign * companies)
  }
}

const countSupported = (
  section: Supported,
  rows: readonly z.infer<typeof supportRow>[],
  sign: 1 | -1,
) => {
  for (const { territory, companies } of rows) {
    section.total += sign * companies
    add(section.byTerritory, territory, sign * companies)
  }
}

/**
 * A record's rows count in; a correction's first takes the rows of the record it replaces
 * back out (a record id seen again replaces its own: nothing is ever counted twice).
 */
const replace = <Row>(
  records: Record<string, Row[]>,
  {
    recordId,
    corrects,
    rows,
  }: { recordId: string; corrects?: string | undefined; rows: readonly Row[] },
  count: (rows: readonly Row[], sign: 1 | -1) => void,
) => {
  for (const replaced of new Set([corrects, recordId])) {
    const earlier = replaced === undefined ? undefined : own(records, replaced)
    if (replaced === undefined || earlier === undefined) continue
    count(earlier, -1)
    delete records[replaced]
  }
  count(rows, 1)
  put(
    records,
    recordId,
    rows.map((row) => ({ ...row })),
  )
}

const yearOfRecord = (event: ExportEvent) => Number(event.data.period.from.slice(0, 4))

/**
 * Folds Team Sud Export's records into their year's figures, in place: O(the rows of the
 * record and of the one it replaces) per event. A year's prospection and support come from
 * two streams, each in its order, and fill two sections apart: the order between them does
 * not matter.
 *
 * @example evolveExportFigures(undefined, prospected)?.prospected.byCountry.US // 120
 */
export const evolveExportFigures = (
  draft: Draft<ExportFiguresDoc> | undefined,
  event: FeedEvent,
): ExportFiguresDoc | undefined => {
  switch (event.type) {
    case 'export.prospection-recorded': {
      const doc = draft ?? blank(yearOfRecord(event))
      const { prospected } = doc
      replace(prospected.records, event.data, (rows, sign) =>
        countProspected(prospected, rows, sign),
      )
      return doc
    }
    case 'export.support-recorded': {
      const doc = draft ?? blank(yearOfRecord(event))
      const { supported } = doc
      replace(supported.records, event.data, (rows, sign) => countSupported(supported, rows, sign))
      return doc
    }
    default:
      return draft
  }
}

const keysOf = (event: FeedEvent): DocKey[] =>
  event.type === 'export.prospection-recorded' || event.type === 'export.support-recorded'
    ? [{ collection: collections.exportFigures, id: String(yearOfRecord(event)) }]
    : []

/** `export-figures/<year>`: the cumulative figures are one Query of the collection. */
export const exportFiguresProjection: Projection<ExportFiguresDoc> = {
  name: projectionNames.exportFigures,
  eventTypes: ['export.prospection-recorded', 'export.support-recorded'],
  keysOf,
  evolve: (draft, event) => evolveExportFigures(draft, event),
}
