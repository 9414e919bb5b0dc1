import { z } from 'zod'
import {
  isoDateTime,
  prospectionRecorded,
  prospectionRow,
  supportRecorded,
  supportRow,
} from '../events/index.js'
import { countryCode } from '../shared/countries.js'
import { territorySlug } from '../shared/territories.js'

/**
 * Staff record Team Sud Export's figures for a period, derived from the events they cause so
 * no field is typed twice. Commands take only assigned country codes and published
 * territories (events keep whatever was stored). `recordId` is the caller's; `corrects`
 * names the record a correction replaces. `now` is the effective time.
 */
const effective = { now: isoDateTime }

export const recordProspectionCommand = prospectionRecorded.extend({
  type: z.literal('RecordProspection'),
  rows: z.array(prospectionRow.extend({ country: countryCode })).max(1000),
  ...effective,
})

export const recordSupportCommand = supportRecorded.extend({
  type: z.literal('RecordSupport'),
  rows: z.array(supportRow.extend({ territory: territorySlug })).max(100),
  ...effective,
})

/**
 * Any Team Sud Export command, discriminated on `type`.
 *
 * @example exportCommand.parse({ type: 'RecordSupport', recordId: 'support-2019-q1', period, rows, now })
 */
export const exportCommand = z.discriminatedUnion('type', [
  recordProspectionCommand,
  recordSupportCommand,
])

export type RecordProspection = z.infer<typeof recordProspectionCommand>
export type RecordSupport = z.infer<typeof recordSupportCommand>
export type ExportCommand = z.infer<typeof exportCommand>
