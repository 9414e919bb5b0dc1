import { type SeedEdition, buildSeedHistory } from './build.js'
import { type Fetch, seedClient } from './client.js'
import { gatesFor } from './gates.js'
import { buildSeedOutcomes } from './outcomes.js'
import { type Applied, recordEdition } from './record-edition.js'
import { recordExportHistory, recordOutcomes } from './record-outcomes.js'
import { buildExportHistory, type SeedExportRecord } from './team-sud-export.js'

export interface SeedOptions {
  readonly apiUrl: string
  readonly token: string
  readonly fetch?: Fetch
  /**
   * Requests in flight at once within a step of one edition. Every request of an edition
   * appends to the edition's stream, so more than one mostly buys retries: the editions
   * themselves are recorded side by side instead.
   */
  readonly concurrency?: number
  readonly history?: readonly SeedEdition[]
  /** Team Sud Export's records (by default its history 2017-2020). */
  readonly exportHistory?: readonly SeedExportRecord[]
  readonly log?: (line: string) => void
}

export interface EditionSummary {
  readonly editionId: string
  readonly applications: number
  readonly selected: number
  readonly rejected: number
  readonly withdrawn: number
  readonly awards: number
  readonly partners: number
}

export interface SeedSummary {
  readonly editions: EditionSummary[]
  readonly written: number
  readonly replayed: number
  readonly retries: number
  readonly ms: number
}

const summaryOf = (edition: SeedEdition): EditionSummary => {
  const count = (outcome: string) =>
    edition.applications.filter((application) => application.outcome === outcome).length
  return {
    editionId: edition.body.id,
    applications: edition.applications.length,
    selected: count('selected'),
    rejected: count('rejected'),
    withdrawn: count('withdrawn'),
    awards: edition.awards.length,
    partners: edition.partners.length,
  }
}

/**
 * Records the programme's history (CES 2017 to 2020) through the command API only, the
 * editions side by side, each in its own order, Team Sud Export's records beside them, then
 * what the 2019 and 2020 delegations brought back. Running it again writes nothing: every
 * request replays its first answer.
 *
 * @example const summary = await runSeed({ apiUrl: 'http://127.0.0.1:3000', token })
 */
export const runSeed = async (options: SeedOptions): Promise<SeedSummary> => {
  const { concurrency = 1, history = buildSeedHistory(), log = () => {} } = options
  const api = seedClient(options)
  const gates = gatesFor(history)
  const started = Date.now()
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1)
  const editions = Promise.all(
    history.map(async (edition): Promise<[string, Applied[]]> => {
      try {
        const applied = await recordEdition(api, edition, { concurrency, gates })
        log(`${edition.body.id} recorded in ${seconds()} s`)
        return [edition.body.id, applied]
      } catch (error: unknown) {
        gates.abandon(edition.body.id, error)
        throw error
      }
    }),
  )
  // Team Sud Export's records share nothing with the editions: side by side with them.
  const exported = recordExportHistory(api, options.exportHistory ?? buildExportHistory()).then(() =>
    log(`Team Sud Export recorded in ${seconds()} s`),
  )
  const [appliedByEdition] = await Promise.all([editions, exported])
  // What the members brought back, once every application is known.
  await recordOutcomes(api, buildSeedOutcomes(history), new Map(appliedByEdition), { concurrency })
  log(`outcomes recorded in ${seconds()} s`)
  return { editions: history.map(summaryOf), ...api.stats, ms: Date.now() - started }
}
