import { beforeAll, describe, expect, it } from 'vitest'
import { createReadModels } from '../../../functions/projector/read-models.js'
import { runRetention } from '../../../functions/personal-data/retention/retention.js'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { apiHarness, client, type ApiHarness } from '../api/api-harness.js'
import { inProcess } from '../api/transports.js'
import { catchUp } from '../reports/catch-up.js'

/**
 * Retention with an injected clock: CES 2020 ended on 2020-01-10 and CES 2023 on
 * 2023-01-08; with three years (1096 days), a start-up whose last edition is CES 2020 is
 * erased from 2023-01-11 on, one that also applied to CES 2023 is kept.
 */
describe('the retention job', () => {
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  const ids: Record<'old' | 'returning' | 'late', string> = { old: '', returning: '', late: '' }
  const deps = () => ({
    store: harness.store,
    readModels: createReadModels({ doc: harness.tables.doc, table: harness.tables.names.readModels }),
    personalData: harness.personalData,
  })
  const apply = async (editionId: string, seed: number, email: string) => {
    const body = applicationBody(validSiret(seed), { contact: { name: 'Retained Person', email } })
    const response = await api.public('POST', `/editions/${editionId}/applications`, body)
    expect(response.status).toBe(201)
    return response.json<{ startupId: string }>().startupId
  }
  const contactsOf = async (startupId: string) => {
    const answer = await api.admin('GET', `/startups/${startupId}/personal-data`)
    return answer.json<{ records: { contact: unknown }[] }>().records.map((record) => record.contact)
  }

  beforeAll(async () => {
    harness = await apiHarness()
    api = client(await inProcess().start(harness.app), harness)
    const ces2023 = { name: 'CES Las Vegas 2023', startsOn: '2023-01-05', endsOn: '2023-01-08', applicationDeadline: '2022-10-15T23:59:59+02:00' }
    expect((await api.admin('POST', '/editions', editionBody('ces-2020'))).status).toBe(201)
    expect((await api.admin('POST', '/editions', editionBody('ces-2023', ces2023))).status).toBe(201)
    ids.old = await apply('ces-2020', 900, 'old@retention.example')
    ids.returning = await apply('ces-2020', 901, 'returning@retention.example')
    await apply('ces-2023', 901, 'returning@retention.example')
    ids.late = await apply('ces-2020', 902, 'late@retention.example')
    await catchUp(harness.tables)
    // Applies to CES 2023 after the projections caught up: only its guard says so.
    await apply('ces-2023', 902, 'late@retention.example')
  }, 60_000)

  it('keeps everything before the period has run out', async () => {
    const run = await runRetention(deps(), { now: new Date('2023-01-09T00:00:00Z'), retentionDays: 1096 })
    expect(run).toEqual({ examined: 3, erased: [] })
    expect(await contactsOf(ids.old)).toEqual([
      expect.objectContaining({ email: 'old@retention.example' }),
      expect.objectContaining({ email: 'old@retention.example' }),
    ])
  })

  it('erases a start-up whose last edition ended more than the period ago, and only it', async () => {
    const run = await runRetention(deps(), { now: new Date('2023-06-01T00:00:00Z'), retentionDays: 1096 })
    expect(run.erased).toMatchObject([{ startupId: ids.old, contactsErased: 1 }])
    expect(await contactsOf(ids.old)).toEqual([null, null])
    expect(await contactsOf(ids.returning)).not.toContain(null)
    expect(await contactsOf(ids.late)).not.toContain(null)
    const erasures = await api.admin('GET', `/startups/${ids.old}/personal-data`)
    expect(erasures.json()).toMatchObject({ erasures: [{ contacts: 1, reason: 'retention' }] })
  })

  it('runs again without erasing twice, and follows the configured period', async () => {
    const again = await runRetention(deps(), { now: new Date('2023-06-01T00:00:00Z'), retentionDays: 1096 })
    expect(again).toEqual({ examined: 3, erased: [] })
    const shorter = await runRetention(deps(), { now: new Date('2023-06-01T00:00:00Z'), retentionDays: 30 })
    expect(shorter.erased.map((erased) => erased.startupId).sort()).toEqual([ids.late, ids.returning].sort())
  })
})
