import type { SeedApplication, SeedEdition } from './build.js'
import { inParallel, type SeedClient } from './client.js'
import type { Gates } from './gates.js'

const text = (value: unknown): string => {
  if (typeof value !== 'string') throw new TypeError(`expected a string, got ${String(value)}`)
  return value
}

/** An application as the API answered it: what later facts (awards, outcomes) name it by. */
export interface Applied {
  readonly application: SeedApplication
  readonly applicationId: string
  readonly startupId: string
  /** The start-up's own token (an idempotent replay answers it too). */
  readonly withdrawalToken: string
}

/**
 * Records one edition in the order the programme lived it: open, applications,
 * withdrawals and decisions, awards, partners, close; each step's requests run
 * `concurrency` at a time. Every fact has its own idempotency key, so a second run
 * is answered with replays and writes nothing. Resolves to the applications as answered.
 *
 * @example await recordEdition(api, edition, { concurrency: 1, gates })
 */
export const recordEdition = async (
  api: SeedClient,
  edition: SeedEdition,
  { concurrency, gates }: { concurrency: number; gates: Gates },
) => {
  const { id } = edition.body
  const key = (fact: string) => `seed-v1:${id}:${fact}`
  const post = (path: string, body: unknown, fact: string) => api.post(path, body, key(fact))

  await post('/editions', { ...edition.body, occurredAt: edition.openedAt }, 'open')

  const applied = await inParallel(edition.applications, concurrency, async (application) => {
    const { startup, pitch, submittedAt: occurredAt } = application
    const { siret, name, city, territory, website, themes, description, contact } = startup
    const registration = { name, siret, city, territory, website, themes, description }
    const body = { startup: registration, contact, pitch, consent: true, occurredAt }
    const answer = await gates.pass(`startup:${siret}`, id, () =>
      post(`/editions/${id}/applications`, body, `apply:${siret}`),
    )
    const applicationId = text(answer.applicationId)
    const startupId = text(answer.startupId)
    return { application, applicationId, startupId, withdrawalToken: text(answer.withdrawalToken) } satisfies Applied
  })

  await inParallel(applied, concurrency, ({ application, applicationId }) => {
    const { outcome, reason, decidedAt: occurredAt, startup } = application
    const path = `/applications/${applicationId}`
    if (outcome === 'withdrawn') {
      return post(`${path}/withdrawal`, { reason, occurredAt }, `withdraw:${startup.siret}`)
    }
    const body = { decision: outcome, reason, occurredAt }
    return post(`${path}/decision`, body, `decide:${startup.siret}`)
  })

  const startupIds = new Map(applied.map((a) => [a.application.startup.siret, a.startupId]))
  await inParallel(edition.awards, concurrency, ({ siret, award, category, at }) => {
    const body = { startupId: startupIds.get(siret), award, category, occurredAt: at }
    return post(`/editions/${id}/awards`, body, `award:${siret}:${award}`)
  })

  await inParallel(edition.partners, concurrency, ({ at, ...partner }) => {
    const body = { ...partner, occurredAt: at }
    return gates.pass(`partner:${partner.partnerId}`, id, () =>
      post(`/editions/${id}/partners`, body, `partner:${partner.partnerId}`),
    )
  })

  await post(`/editions/${id}/close`, { occurredAt: edition.closedAt }, 'close')
  return applied
}
