import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countAppended, type Metrics } from '../../../functions/shared/metrics.js'
import type { ProgrammeMetric } from '../../../functions/shared/metrics-catalogue.js'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { apiHarness, client, type ApiHarness } from './api-harness.js'
import { lambdaV2 } from './transports.js'

/** What the API's counters received, flush by flush. */
const recordingMetrics = () => {
  const flushed: Array<Partial<Record<ProgrammeMetric, number>>> = []
  let pending: Partial<Record<ProgrammeMetric, number>> = {}
  const metrics: Metrics = {
    add: (metric, value = 1) => {
      pending[metric] = (pending[metric] ?? 0) + value
    },
    flush: () => {
      if (Object.keys(pending).length > 0) flushed.push(pending)
      pending = {}
    },
  }
  return { metrics, flushed }
}

describe('the programme counters of the command API', () => {
  const transport = lambdaV2()
  const recorded = recordingMetrics()
  let harness: ApiHarness
  let api: ReturnType<typeof client>

  beforeAll(async () => {
    harness = await apiHarness({ onAppended: countAppended(recorded.metrics) })
    api = client(await transport.start(harness.app), harness)
    expect((await api.admin('POST', '/editions', editionBody('ces-2020'))).status).toBe(201)
  })
  afterAll(async () => {
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
    expect(recorded.flushed).toEqual([])

    const a = (await apply(7_001, { 'Idempotency-Key': 'metrics-a' })).json()
    const b = (await apply(7_002)).json()
    const c = (await apply(7_003)).json()
    expect(recorded.flushed).toEqual([
      { applicationsSubmitted: 1 },
      { applicationsSubmitted: 1 },
      { applicationsSubmitted: 1 },
    ])

    const decide = (id: string, decision: string) =>
      api.admin('POST', `/applications/${id}/decision`, { decision })
    expect((await decide(a.applicationId, 'selected')).status).toBe(200)
    expect((await decide(b.applicationId, 'rejected')).status).toBe(200)
    const withdrawal = { token: c.withdrawalToken }
    expect(
      (await api.public('POST', `/applications/${c.applicationId}/withdrawal`, withdrawal)).status,
    ).toBe(200)
    expect(recorded.flushed.slice(3)).toEqual([
      { applicationsSelected: 1 },
      { applicationsRejected: 1 },
      { applicationsWithdrawn: 1 },
    ])
  })

  it('count nothing for a replayed or refused command', async () => {
    const before = recorded.flushed.length
    const replay = await apply(7_001, { 'Idempotency-Key': 'metrics-a' })
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect((await apply(7_002)).status).toBe(409) // already applied
    expect(recorded.flushed).toHaveLength(before)
  })
})
