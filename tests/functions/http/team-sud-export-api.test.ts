import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiHarness, client, type ApiHarness } from './api-harness.js'
import { nodeServer, type TestResponse } from './transports.js'

/**
 * Team Sud Export's figures through the API on DynamoDB Local: staff record prospection and
 * support over periods gone by, correct a record whole, and never count the same companies
 * twice; bad input changes nothing.
 */
const q1 = { from: '2019-01-01', to: '2019-03-31' }
const prospection = (recordId: string, rows: unknown[], extra: Record<string, unknown> = {}) => ({ recordId, period: q1, rows, ...extra })

describe('Team Sud Export through the API', () => {
  const transport = nodeServer()
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  // The API's clock in the summer of 2019: the first quarter is over, the third is not.
  const now = new Date('2019-07-15T10:00:00Z')

  const expectProblem = (response: TestResponse, status: number, code: string) => {
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(response.json()).toMatchObject({ status, type: `/problems/${code}` })
    expect(response.status, response.text).toBe(status)
    return response.json()
  }
  const post = (kind: 'prospection' | 'support', body: unknown, headers: Record<string, string> = {}) =>
    api.admin('POST', `/team-sud-export/${kind}`, body, headers)

  beforeAll(async () => {
    harness = await apiHarness({ now: () => now })
    api = client(await transport.start(harness.app), harness)
  })
  afterAll(async () => {
    await transport.stop()
    expect(harness.unexpected).toEqual([])
  })

  it('records prospection and support on their kind’s and year’s stream', async () => {
    const recorded = await post('prospection', prospection('p-2019-q1', [
      { country: 'US', sector: 'smart-tech', companies: 120 },
      { country: 'JP', sector: 'health', companies: 30 },
    ]))
    expect(recorded.status, recorded.text).toBe(201)
    expect(recorded.headers.get('etag')).toBe('"1"')
    expect(recorded.json()).toEqual({ recordId: 'p-2019-q1', kind: 'prospection', year: 2019 })
    const support = await post('support', { recordId: 's-2019-q1', period: q1, rows: [{ territory: 'nice-cote-d-azur', companies: 12 }] })
    expect(support.json()).toEqual({ recordId: 's-2019-q1', kind: 'support', year: 2019 })
    expect(await harness.store.streamVersion('team-sud-export-prospection-2019')).toBe(1)
    const [event] = await harness.store.readStream('team-sud-export-support-2019')
    expect(event).toMatchObject({ type: 'export.support-recorded', data: { recordId: 's-2019-q1', period: q1 } })
  })

  it('never counts the same breakdown twice over the same days: 409, and a correction instead', async () => {
    const before = await harness.written()
    const again = prospection('p-2019-q1-again', [{ country: 'US', sector: 'smart-tech', companies: 5 }], { period: { from: '2019-03-01', to: '2019-03-31' } })
    const problem = expectProblem(await post('prospection', again), 409, 'export-period-already-recorded')
    expect(problem).toMatchObject({ recordId: 'p-2019-q1', breakdowns: ['US/smart-tech'] })
    expectProblem(await post('prospection', prospection('p-2019-q1', [{ country: 'DE', sector: 'energy', companies: 5 }])), 409, 'export-record-already-exists')
    expect(await harness.written()).toEqual(before)

    // Another breakdown over the same days is another mission: recorded.
    const japan = await post('prospection', { ...again, recordId: 'p-2019-03-de', rows: [{ country: 'DE', sector: 'energy', companies: 5 }] })
    expect(japan.status, japan.text).toBe(201)
    const corrected = await post('prospection', prospection('p-2019-q1-fix', [{ country: 'US', sector: 'smart-tech', companies: 260 }], { corrects: 'p-2019-q1' }))
    expect(corrected.status, corrected.text).toBe(201)
    expect(corrected.json()).toEqual({ recordId: 'p-2019-q1-fix', kind: 'prospection', year: 2019, corrects: 'p-2019-q1' })
    expectProblem(await post('prospection', prospection('p-2019-q1-fix2', [], { corrects: 'p-2019-q1' })), 409, 'export-record-superseded')
    expectProblem(await post('prospection', prospection('p-2019-q1-fix3', [], { corrects: 'p-2019-q9' })), 404, 'export-record-not-found')
  })

  it.each([
    ['a period not over yet', { period: { from: '2019-07-01', to: '2019-09-30' } }, 'export-period-not-over'],
    ['a period over two years', { period: { from: '2018-12-01', to: '2019-01-31' } }, 'invalid-export-period'],
    ['France', { rows: [{ country: 'FR', sector: 'health', companies: 3 }] }, 'not-a-foreign-country'],
    ['a repeated row', { rows: [{ country: 'IT', sector: 'health', companies: 3 }, { country: 'IT', sector: 'health', companies: 4 }] }, 'duplicate-export-row'],
    ['no rows', { rows: [] }, 'empty-export-record'],
  ])('refuses %s with 422, writing nothing', async (_case, overrides, code) => {
    const before = await harness.written()
    expectProblem(await post('prospection', { ...prospection('p-refused', [{ country: 'CA', sector: 'ai', companies: 1 }]), ...overrides }), 422, code)
    expect(await harness.written()).toEqual(before)
  })

  it.each([
    ['an unknown country code', 'prospection', { rows: [{ country: 'XX', sector: 'ai', companies: 1 }] }, 'rows.0.country'],
    ['a sector that is no slug', 'prospection', { rows: [{ country: 'CA', sector: 'Smart Tech', companies: 1 }] }, 'rows.0.sector'],
    ['a negative count', 'prospection', { rows: [{ country: 'CA', sector: 'ai', companies: -4 }] }, 'rows.0.companies'],
    ['a date that is not one', 'prospection', { period: { from: '01/01/2019', to: '2019-03-31' } }, 'period.from'],
    ['a day no calendar has', 'prospection', { period: { from: '2019-02-01', to: '2019-02-30' } }, 'period.to'],
    ['a record id with spaces', 'prospection', { recordId: 'Q1 2019' }, 'recordId'],
    ['an unknown territory', 'support', { rows: [{ territory: 'paris', companies: 2 }] }, 'rows.0.territory'],
    ['an unknown field', 'support', { total: 4 }, '(body)'],
  ] as const)('refuses %s with 400 naming the field, writing nothing', async (_case, kind, overrides, field) => {
    const before = await harness.written()
    const base = kind === 'prospection'
      ? prospection('p-bad', [{ country: 'CA', sector: 'ai', companies: 1 }])
      : { recordId: 's-bad', period: q1, rows: [{ territory: 'grand-avignon', companies: 2 }] }
    const problem = expectProblem(await post(kind, { ...base, ...overrides }), 400, 'validation-failed')
    expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field)
    expect(await harness.written()).toEqual(before)
  })

  it('answers a retry with the same Idempotency-Key with the first answer', async () => {
    const body = { recordId: 's-2019-q2', period: { from: '2019-04-01', to: '2019-06-30' }, rows: [{ territory: 'grand-avignon', companies: 7 }] }
    const headers = { 'Idempotency-Key': 'tse-0193a5c4-7d2e-7b31-9f00-01' }
    const first = await post('support', body, headers)
    expect(first.status).toBe(201)
    const before = await harness.written()
    const retry = await post('support', body, headers)
    expect(retry.json()).toEqual(first.json())
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await harness.written()).toEqual(before)
  })

  it('is staff’s alone', async () => {
    const before = await harness.written()
    const body = { recordId: 's-x', period: q1, rows: [{ territory: 'grand-avignon', companies: 7 }] }
    expectProblem(await api.public('POST', '/team-sud-export/support', body), 401, 'unauthenticated')
    expectProblem(await api.reports('POST', '/team-sud-export/support', body), 403, 'forbidden')
    expect(await harness.written()).toEqual(before)
  })
})
