import {
  collections,
  editionPartnerDoc,
  editionSummaryDoc,
  partnerDoc,
  projectionNames,
} from '../../domain/projections/index.js'
import type { Table } from './csv.js'
import { byInstant, byName, dayOf } from './labels.js'
import { currentTo, type ReadModelReader, readAll, readDoc } from './read-model-reader.js'
import type { PartnerRow, PartnersReport } from './schemas.js'

/** The earliest partners first: the order in which the programme federated them. */
const ordered = (rows: PartnerRow[]) => {
  const since = (row: PartnerRow) => row.editions[0]?.joinedAt ?? '9999-12-31T00:00:00Z'
  return rows.sort((a, b) => byInstant(since(a), since(b)) || byName(a.name, b.name))
}

const ofEdition = async (reader: ReadModelReader, editionId: string) => {
  const names = [projectionNames.editionSummary, projectionNames.partners]
  const position = await currentTo(reader, names)
  const edition = await readDoc(reader, collections.editionSummary, editionId, editionSummaryDoc)
  if (edition === undefined) return undefined
  const docs = await readAll(reader, collections.editionPartners(editionId), editionPartnerDoc)
  const partners = ordered(
    docs.map(({ partnerId, name, kind, contribution, joinedAt }) => ({
      partnerId,
      name,
      kind,
      editions: [{ editionId, contribution, joinedAt }],
    })),
  )
  return { currentTo: position, editionId, count: partners.length, partners }
}

/**
 * `GET /reports/partners`: the programme's partners and the editions each joined
 * (one Query of `partners`), or one edition's (`?editionId=`, a Query of
 * `partners#<editionId>`; undefined if the edition is unknown).
 *
 * @example const report = await loadPartners(reader)
 */
export const loadPartners = async (
  reader: ReadModelReader,
  { editionId }: { editionId?: string | undefined } = {},
): Promise<PartnersReport | undefined> => {
  if (editionId !== undefined) return ofEdition(reader, editionId)
  const position = await currentTo(reader, [projectionNames.partners])
  const docs = await readAll(reader, collections.partners, partnerDoc)
  const partners = ordered(docs.map(({ registeredAt: _at, ...partner }) => partner))
  return { currentTo: position, count: partners.length, partners }
}

interface PartnerEditionRow {
  readonly partner: PartnerRow
  readonly edition: PartnerRow['editions'][number]
}

/**
 * The partners as a spreadsheet: one row per partner and edition joined.
 *
 * @example toCsv(partnersTable(report))
 */
export const partnersTable = (report: PartnersReport): Table<PartnerEditionRow> => ({
  columns: [
    { header: 'Partner', value: (row) => row.partner.name },
    { header: 'Kind', value: (row) => row.partner.kind },
    { header: 'Edition', value: (row) => row.edition.editionId },
    { header: 'Contribution', value: (row) => row.edition.contribution },
    { header: 'Joined on', value: (row) => dayOf(row.edition.joinedAt) },
  ],
  rows: report.partners.flatMap((partner) =>
    partner.editions.map((edition) => ({ partner, edition })),
  ),
})
