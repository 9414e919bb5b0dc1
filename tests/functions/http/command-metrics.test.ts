import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { countAppended, createMetrics } from '../../../functions/shared/metrics.js'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { captureEmf } from '../shared/emf.js'
import { apiHarness, client, type ApiHarness } from './api-harness.js'
import { lambdaV2 } from './transports.js'

/** The programme metrics in each EMF line written so far, with their values. */
const flushed = (lines: Array<Record<string, any>>) =>
  lines.map((line) => {
    const [{ Namespace, Metrics }] = line._aws.CloudWatchMetrics
    expect(Namespace).toBe('DelegationSud/test')
    expect(line.service).toBe('delegation-sud')
    return Object.fromEntries(
      (Metrics as Array<{ Name: string; Unit: string }>).map(({ Name, Unit }) => {
        expect(Unit).toBe('Count')
        return [Name, line[Name]]
      }),
    )
  })

describe('the programme counters of the command API', () => {
  const transport = lambdaV2()
  let emf: () => Array<Record<string, any>>
  let harness: ApiHarness
  let api: ReturnType<typeof client>

  beforeAll(async () => {
    // Powertools' own Metrics, writing EMF as in a Lambda: the lines are what is asserted.
    emf = captureEmf()
    const metrics = createMetrics({
      POWERTOOLS_METRICS_DISABLED: 'false',
      POWERTOOLS_METRICS_NAMESPACE: 'DelegationSud/test',
    })
    harness = await apiHarness({ onAppended: countAppended(metrics) })
    api = client(await transport.start(harness.app), harness)
    expect((await api.admin('POST', '/editions', editionBody('ces-2020'))).status).toBe(201)
  })
  afterAll(async () => {
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
    await transport.stop()
    expect(harness.unexpected).toEqual([])
  })

  const apply = (seed: number, headers: Record<string, string> = {}) =>
    api.public(
      'POST',
      '/editions/ces-2020/applications',
      applicationBody(validSiret(seed)),
      headers,
    )

  it('count each application fact once it is appended, one flush per command', async () => {
    // Opening the edition is no application fact: nothing was flushed for it.
    expect(emf()).toEqual([])

    const a = (await apply(7_001, { 'Idempotency-Key': 'metrics-a' })).json()
    const b = (await apply(7_002)).json()
    const c = (await apply(7_003)).json()
    expect(flushed(emf())).toEqual([
      { ApplicationsSubmitted: 1 },
      { ApplicationsSubmitted: 1 },
      { ApplicationsSubmitted: 1 },
    ])

    const decide = (id: string, decision: string) =>
      api.admin('POST', `/applications/${id}/decision`, { decision })
    expect((await decide(a.applicationId, 'selected')).status).toBe(200)
    expect((await decide(b.applicationId, 'rejected')).status).toBe(200)
    const withdrawal = { token: c.withdrawalToken }
    expect(
      (await api.public('POST', `/applications/${c.applicationId}/withdrawal`, withdrawal)).status,
    ).toBe(200)
    expect(flushed(emf()).slice(3)).toEqual([
      { ApplicationsSelected: 1 },
      { ApplicationsRejected: 1 },
      { ApplicationsWithdrawn: 1 },
    ])
  })

  it('count nothing for a replayed, held or refused command', async () => {
    const before = emf().length
    const replay = await apply(7_001, { 'Idempotency-Key': 'metrics-a' })
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    // Applied already: held for staff, answered as received (issue 20), no submission counted.
    const again = await apply(7_002)
    expect(again.status).toBe(201)
    expect(again.json()).toMatchObject({ status: 'received' })
    const closed = await api.public('POST', '/editions/ces-1999/applications', applicationBody(validSiret(7_004)))
    expect(closed.status).toBe(404) // no such edition: refused
    expect(emf()).toHaveLength(before)
  })
})
