import {
  collections,
  delegationDoc,
  editionSummaryDoc,
  projectionNames,
  startupDoc,
} from '../../domain/projections/index.js'
import type { Table } from './csv.js'
import { awardName, awardRank, byName, territoryName } from './labels.js'
import { currentTo, type ReadModelReader, readAll, readDoc, readMany } from './read-model-reader.js'
import type { DelegationMember, DelegationReport } from './schemas.js'

/**
 * `GET /reports/editions/{editionId}/delegation`: the selected start-ups that did
 * not withdraw, with their awards. One Query of the edition's collection, plus a key
 * lookup per member for what only its registration says (city, website).
 * Undefined for an unknown edition.
 *
 * @example const report = await loadDelegation(reader, 'ces-2020')
 */
export const loadDelegation = async (
  reader: ReadModelReader,
  editionId: string,
): Promise<DelegationReport | undefined> => {
  const position = await currentTo(reader, [
    projectionNames.editionSummary,
    projectionNames.delegation,
    projectionNames.startupDirectory,
  ])
  const edition = await readDoc(reader, collections.editionSummary, editionId, editionSummaryDoc)
  if (edition === undefined) return undefined
  const applicants = await readAll(reader, collections.delegation(editionId), delegationDoc)
  const members = applicants.filter((applicant) => applicant.status === 'selected')
  const ids = members.map((member) => member.startupId)
  const pages = await readMany(reader, collections.startups, ids, startupDoc)
  const rows: DelegationMember[] = members.map((member, index) => ({
    startupId: member.startupId,
    name: member.startupName,
    city: pages[index]?.city,
    territory: member.territory,
    territoryName: territoryName(member.territory),
    website: pages[index]?.website,
    themes: member.themes,
    awards: [...member.awards]
      .sort((a, b) => awardRank(a.award) - awardRank(b.award) || byName(a.category, b.category))
      .map(({ award, category }) => ({ award, category })),
  }))
  return {
    currentTo: position,
    editionId,
    editionName: edition.name,
    year: edition.year,
    count: rows.length,
    members: rows.sort((a, b) => byName(a.name, b.name)),
  }
}

/**
 * The delegation as a spreadsheet: one row per member.
 *
 * @example toCsv(delegationTable(report))
 */
export const delegationTable = (report: DelegationReport): Table<DelegationMember> => ({
  columns: [
    { header: 'Start-up', value: (row) => row.name },
    { header: 'City', value: (row) => row.city },
    { header: 'Territory', value: (row) => row.territoryName },
    { header: 'Website', value: (row) => row.website },
    { header: 'Themes', value: (row) => row.themes.join(', ') },
    {
      header: 'Awards',
      value: (row) =>
        row.awards.map(({ award, category }) => `${awardName(award)}: ${category}`).join('; '),
    },
  ],
  rows: report.members,
})
