import { inParallel, type SeedClient } from './client.js'
import type { SeedOutcomeReport } from './outcomes.js'
import type { Applied } from './record-edition.js'
import type { SeedExportRecord } from './team-sud-export.js'

const key = (fact: string) => `seed-v1:${fact}`

/**
 * Posts the members' reports after the show as they happened: each start-up's own answer
 * with its token (staff's `occurredAt` makes it a historical import, still reported by the
 * start-up), then staff's corrections pinned to the answer they follow. Every first answer is
 * in before any correction: a member's revisions arrive in their order.
 *
 * @example await recordOutcomes(api, buildSeedOutcomes(history), appliedByEdition, { concurrency: 4 })
 */
export const recordOutcomes = async (
  api: SeedClient,
  reports: readonly SeedOutcomeReport[],
  appliedByEdition: ReadonlyMap<string, readonly Applied[]>,
  { concurrency }: { concurrency: number },
) => {
  const memberOf = ({ editionId, siret }: SeedOutcomeReport) => {
    const member = appliedByEdition.get(editionId)?.find((a) => a.application.startup.siret === siret)
    if (member === undefined) throw new Error(`no application of ${siret} to ${editionId} in the seed`)
    return member
  }
  for (const revision of [1, 2]) {
    await inParallel(
      reports.filter((report) => report.revision === revision),
      concurrency,
      (report) => {
        const { editionId, siret, figures, noteForStaff, at: occurredAt } = report
        const { applicationId, startupId, withdrawalToken } = memberOf(report)
        const note = noteForStaff === undefined ? {} : { noteForStaff }
        const fact = key(`${editionId}:outcomes:${siret}:${revision}`)
        return report.reportedBy.by === 'startup'
          ? api.post(`/applications/${applicationId}/outcomes`, { token: withdrawalToken, ...figures, ...note, occurredAt }, fact)
          : api.post(`/editions/${editionId}/outcomes`, { startupId, ...figures, ...note, occurredAt }, fact)
      },
    )
  }
}

/**
 * Posts Team Sud Export's records one after the other, in the order they were made (a
 * correction after the record it replaces), each dated when it was made.
 *
 * @example await recordExportHistory(api, buildExportHistory())
 */
export const recordExportHistory = async (api: SeedClient, records: readonly SeedExportRecord[]) => {
  for (const { type, now, ...record } of records) {
    const kind = type === 'RecordProspection' ? 'prospection' : 'support'
    await api.post(`/team-sud-export/${kind}`, { ...record, occurredAt: now }, key(`team-sud-export:${record.recordId}`))
  }
}
