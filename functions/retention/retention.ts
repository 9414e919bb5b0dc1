import { collections, editionSummaryDoc, startupDoc } from '../../domain/projections/index.js'
import { findApplicationGuard } from '../store/application-guard.js'
import { readAll, type ReadModelReader } from '../queries/read-model-reader.js'
import { personalDataEventsOf } from '../queries/startup-records.js'
import { asFunction } from '../shared/function-scope.js'
import { eraseStartupContacts, reapplyErasures, type ErasureDeps, type StartupErasure } from '../commands/erase-contacts.js'

/** Three years after the end of a start-up's last edition (the stage configuration may change it). */
export const defaultRetentionDays = 3 * 365 + 1

/** The write side's deps, the vault, and the read models it decides from. */
export type RetentionDeps = Omit<ErasureDeps, 'personalDataEvents'> & { readonly readModels: ReadModelReader }

export interface RetentionRun {
  /** Start-ups of the directory looked at. */
  readonly examined: number
  readonly erased: readonly StartupErasure[]
  /** Keys erased before that the Keys table held again (a restore), destroyed once more. */
  readonly reapplied: number
}

const dayMs = 86_400_000

/**
 * Storage limitation: erases the contacts of every start-up whose last edition (the
 * latest end among the editions it applied to) ended more than `retentionDays` before
 * `now`, as the directory and the editions' summaries say. A start-up is kept when anything
 * is unknown (an edition not projected yet), and, before erasing, the
 * one-application guards of the editions that ended since the cut-off are read
 * consistently, so an application the directory has not caught up with yet still counts.
 *
 * First it applies every start-up's recorded erasures again (reapplyErasures): after a
 * restore of the Keys table, the keys it put back leave the table within a day, and their
 * items with them, the blind index of the erased address included.
 *
 * @example await runRetention(deps, { now: new Date(), retentionDays: 1096 })
 */
export const runRetention = asFunction('retention', async (
  deps: RetentionDeps,
  { now, retentionDays }: { now: Date; retentionDays: number },
): Promise<RetentionRun> => {
  const cutOff = new Date(now.getTime() - retentionDays * dayMs).toISOString().slice(0, 10)
  const [startups, editions] = await Promise.all([
    readAll(deps.readModels, collections.startups, startupDoc),
    readAll(deps.readModels, collections.editionSummary, editionSummaryDoc),
  ])
  const endsOn = new Map(editions.map((edition) => [edition.editionId, edition.endsOn]))
  const recent = editions.filter((edition) => edition.endsOn >= cutOff).map((edition) => edition.editionId)
  const context = { actor: { kind: 'system', name: 'retention' }, now, correlationId: `retention-${now.toISOString()}` } as const
  const reapplied = await reapplyErasures(deps, startups.map((startup) => startup.startupId))
  const erasure = { ...deps, personalDataEvents: personalDataEventsOf(deps) }
  const erased: StartupErasure[] = []
  for (const { startupId, editionsApplied } of startups) {
    const ends = editionsApplied.map((editionId) => endsOn.get(editionId))
    if (ends.length === 0 || ends.some((end) => end === undefined || end >= cutOff)) continue
    const guards = await Promise.all(recent.map((editionId) => findApplicationGuard(deps.store, editionId, startupId)))
    if (guards.some((guard) => guard !== undefined)) continue
    // Erased before (or never held a contact): nothing to do, nothing recorded.
    const done = await eraseStartupContacts(erasure, startupId, { reason: 'retention', context })
    if (done.contactsErased > 0) erased.push(done)
  }
  return { examined: startups.length, erased, reapplied }
})
