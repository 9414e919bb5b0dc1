import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { apiHarness, client, type ApiHarness } from './api-harness.js'
import { nodeServer, type TestResponse } from './transports.js'

/**
 * What a member brought back from the show, through the API on DynamoDB Local: the start-up
 * with its token, staff from the back-office; who may report, from when, what a later
 * report does, and what bad input changes (nothing).
 */
const figures = {
  businessContacts: 40,
  dealsSigned: 2,
  dealsValueBand: '100k-1m',
  fundsRaisedEur: 0,
  pressArticles: 3,
  jobsCreated: 1,
  jobsPlanned: 2,
}

describe('members’ outcomes through the API', () => {
  const transport = nodeServer()
  let now = new Date('2019-09-01T10:00:00Z')
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  let sirets = 0
  const members: Record<'calanques' | 'mistral' | 'rejected' | 'withdrawn', { applicationId: string; startupId: string; withdrawalToken: string }> =
    {} as never

  const expectProblem = (response: TestResponse, status: number, code: string) => {
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(response.json()).toMatchObject({ status, type: `/problems/${code}` })
    expect(response.status, response.text).toBe(status)
    return response.json()
  }
  const own = (who: keyof typeof members, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    api.public('POST', `/applications/${members[who].applicationId}/outcomes`, { token: members[who].withdrawalToken, ...body }, headers)
  const readOwn = (who: keyof typeof members, token = members[who].withdrawalToken) =>
    api.public('GET', `/applications/${members[who].applicationId}/outcomes`, undefined, { 'X-Application-Token': token })
  /** A member's outcomes stream as stored (its data as the test reads it). */
  const reports = async (startupId: string) =>
    (await harness.store.readStream(`outcomes-ces-2020.${startupId}`)).map((event) => ({ ...event, data: event.data as any }))
  const version = (who: keyof typeof members) => harness.store.streamVersion(`outcomes-ces-2020.${members[who].startupId}`)

  beforeAll(async () => {
    harness = await apiHarness({ now: () => now })
    api = client(await transport.start(harness.app), harness)
    expect((await api.admin('POST', '/editions', editionBody('ces-2020'))).status).toBe(201)
    for (const who of ['calanques', 'mistral', 'rejected', 'withdrawn'] as const) {
      const answer = await api.public('POST', '/editions/ces-2020/applications', applicationBody(validSiret(55_000_000 + ++sirets)))
      expect(answer.status, answer.text).toBe(201)
      members[who] = answer.json()
    }
    for (const [who, decision] of [['calanques', 'selected'], ['mistral', 'selected'], ['rejected', 'rejected'], ['withdrawn', 'selected']] as const) {
      expect((await api.admin('POST', `/applications/${members[who].applicationId}/decision`, { decision })).status).toBe(200)
    }
    const left = await api.public('POST', `/applications/${members.withdrawn.applicationId}/withdrawal`, { token: members.withdrawn.withdrawalToken })
    expect(left.status).toBe(200)
  })
  afterAll(async () => {
    await transport.stop()
    expect(harness.unexpected).toEqual([])
  })

  describe('before the show', () => {
    it('refuses a report before the show’s first day with 409, writing nothing', async () => {
      now = new Date('2020-01-06T22:59:00Z')
      const before = await harness.written()
      const problem = expectProblem(await own('calanques', figures), 409, 'outcomes-before-show')
      expect(problem).toMatchObject({ editionId: 'ces-2020', startsOn: '2020-01-07' })
      expectProblem(await api.admin('POST', '/editions/ces-2020/outcomes', { startupId: members.calanques.startupId, ...figures }), 409, 'outcomes-before-show')
      expect(await harness.written()).toEqual(before)
      // The link opens all the same: it says from when.
      expect((await readOwn('calanques')).json()).toMatchObject({ member: true, reportableFrom: '2020-01-07', report: null })
    })
  })

  describe('after the show', () => {
    beforeAll(() => {
      now = new Date('2020-01-20T09:00:00Z')
    })

    it('takes a member’s report with its token, and a later one supersedes it', async () => {
      const first = await own('calanques', { ...figures, noteForStaff: 'Un distributeur à Austin.' })
      expect(first.status, first.text).toBe(201)
      expect(first.headers.get('etag')).toBe('"1"')
      expect(first.json()).toEqual({ editionId: 'ces-2020', startupId: members.calanques.startupId, revision: 1 })

      const second = await own('calanques', { ...figures, businessContacts: 55, dealsSigned: 0, dealsValueBand: null })
      expect(second.json().revision).toBe(2)
      const events = await reports(members.calanques.startupId)
      expect(events.map((event) => [event.data.revision, event.data.reportedBy])).toEqual([
        [1, { by: 'startup' }],
        [2, { by: 'startup' }],
      ])
      expect(events[0]?.data).toMatchObject({ applicationId: members.calanques.applicationId, noteForStaff: 'Un distributeur à Austin.' })

      const read = await readOwn('calanques')
      expect(read.status).toBe(200)
      expect(read.headers.get('cache-control')).toBe('no-store')
      expect(read.json()).toEqual({
        applicationId: members.calanques.applicationId,
        editionId: 'ces-2020',
        editionName: 'CES Las Vegas 2020',
        startupId: members.calanques.startupId,
        member: true,
        reportableFrom: '2020-01-07',
        report: { ...figures, businessContacts: 55, dealsSigned: 0, dealsValueBand: null, revision: 2, reportedBy: 'startup' },
      })
    })

    it('lets staff correct a report pinned to the revision they saw, and refuses a stale one with 412', async () => {
      const startupId = members.mistral.startupId
      expect((await own('mistral', figures)).status).toBe(201)
      const correction = { startupId, ...figures, businessContacts: 12, noteForStaff: 'Rappel téléphonique.' }
      const corrected = await api.admin('POST', '/editions/ces-2020/outcomes', correction, { 'If-Match': '"1"' })
      expect(corrected.status, corrected.text).toBe(201)
      expect(corrected.json()).toEqual({ editionId: 'ces-2020', startupId, revision: 2 })
      const [, staff] = await reports(startupId)
      expect(staff?.data.reportedBy).toEqual({ by: 'staff', staffMember: 'test-staff' })
      expect(staff?.metadata.actor).toBe('staff:test-staff')

      const before = await harness.written()
      expectProblem(await api.admin('POST', '/editions/ces-2020/outcomes', correction, { 'If-Match': '"1"' }), 412, 'precondition-failed')
      expect(await harness.written()).toEqual(before)
      // The start-up sees the corrected figures, never staff's note.
      expect((await readOwn('mistral')).json().report).toMatchObject({ businessContacts: 12, revision: 2, reportedBy: 'staff' })
      expect((await readOwn('mistral')).text).not.toContain('Rappel')
    })

    it('takes only members’ reports: a rejected or withdrawn start-up, or one that never applied, is refused with 409', async () => {
      const before = await harness.written()
      expectProblem(await own('rejected', figures), 409, 'not-a-delegation-member')
      expectProblem(await own('withdrawn', figures), 409, 'not-a-delegation-member')
      const stranger = { startupId: '0b7f3c1e-5d2a-4e8b-9c61-3f4a2b8d7e10', ...figures }
      expectProblem(await api.admin('POST', '/editions/ces-2020/outcomes', stranger), 409, 'not-a-delegation-member')
      expectProblem(await api.admin('POST', '/editions/ces-2099/outcomes', stranger), 404, 'edition-not-found')
      expect(await harness.written()).toEqual(before)
      expect((await readOwn('rejected')).json()).toMatchObject({ member: false, report: null })
    })

    it('opens nothing with another start-up’s token, a tampered one, or none', async () => {
      const before = await harness.written()
      const theirs = members.mistral.withdrawalToken
      const tampered = `${members.calanques.withdrawalToken.slice(0, -1)}${members.calanques.withdrawalToken.endsWith('A') ? 'B' : 'A'}`
      for (const token of [theirs, tampered]) {
        expectProblem(await own('calanques', { ...figures, token }), 403, 'invalid-withdrawal-token')
        expectProblem(await readOwn('calanques', token), 403, 'invalid-withdrawal-token')
      }
      const missing = expectProblem(await api.public('GET', `/applications/${members.calanques.applicationId}/outcomes`), 400, 'validation-failed')
      expect(missing.errors.map((error: { field: string }) => error.field)).toEqual(['x-application-token'])
      expectProblem(await readOwn('calanques', 'x'.repeat(201)), 400, 'validation-failed')
      expectProblem(
        await api.public('POST', '/applications/01890a5d-ac96-774b-bcce-b302099a8057/outcomes', { token: theirs, ...figures }),
        404,
        'application-not-found',
      )
      expect(await harness.written()).toEqual(before)
      expect(await version('calanques')).toBe(2)
    })

    it('answers a retry with the same Idempotency-Key with the first answer, and refuses the key with another body', async () => {
      const headers = { 'Idempotency-Key': 'outcomes-0193a5c4-7d2e-7b31-9f00' }
      const body = { ...figures, pressArticles: 9 }
      const first = await own('calanques', body, headers)
      expect(first.status).toBe(201)
      const before = await harness.written()
      const retry = await own('calanques', body, headers)
      expect(retry.status).toBe(201)
      expect(retry.json()).toEqual(first.json())
      expect(retry.headers.get('idempotent-replayed')).toBe('true')
      expect(await harness.written()).toEqual(before)
      expectProblem(await own('calanques', { ...body, pressArticles: 10 }, headers), 422, 'idempotency-key-reused')
      expect(await harness.written()).toEqual(before)
    })

    it.each([
      ['a figure missing', { businessContacts: undefined }, 'businessContacts'],
      ['a negative count', { jobsCreated: -1 }, 'jobsCreated'],
      ['a count as text', { pressArticles: '3' }, 'pressArticles'],
      ['a fraction', { fundsRaisedEur: 1000.5 }, 'fundsRaisedEur'],
      ['an unknown value band', { dealsValueBand: 'a-lot' }, 'dealsValueBand'],
      ['an unknown field', { revenue: 10 }, '(body)'],
      ['control characters in the note', { noteForStaff: 'Bien\u202E reçu' }, 'noteForStaff'],
    ])('refuses %s with 400 naming the field, writing nothing', async (_case, overrides, field) => {
      const before = await harness.written()
      const problem = expectProblem(await own('calanques', { ...figures, ...overrides }), 400, 'validation-failed')
      expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field)
      expectProblem(
        await api.admin('POST', '/editions/ces-2020/outcomes', { startupId: members.calanques.startupId, ...figures, ...overrides }),
        400,
        'validation-failed',
      )
      expect(await harness.written()).toEqual(before)
    })

    it('refuses deals without their value band, and a band without deals, with 422', async () => {
      const before = await harness.written()
      expectProblem(await own('calanques', { ...figures, dealsValueBand: null }), 422, 'deals-value-band-mismatch')
      expectProblem(await own('calanques', { ...figures, dealsSigned: 0 }), 422, 'deals-value-band-mismatch')
      expect(await harness.written()).toEqual(before)
    })

    it('lets only staff date a report in the past, and only staff use the staff route', async () => {
      const before = await harness.written()
      expectProblem(await own('calanques', { ...figures, occurredAt: '2020-01-15T10:00:00+01:00' }), 403, 'forbidden')
      const body = { startupId: members.calanques.startupId, ...figures }
      expectProblem(await api.public('POST', '/editions/ces-2020/outcomes', body), 401, 'unauthenticated')
      expectProblem(await api.reports('POST', '/editions/ces-2020/outcomes', body), 403, 'forbidden')
      expect(await harness.written()).toEqual(before)
      // Staff importing the start-up's past answer: reported by the start-up, dated then.
      const imported = await api.admin('POST', `/applications/${members.mistral.applicationId}/outcomes`, {
        token: members.mistral.withdrawalToken,
        ...figures,
        occurredAt: '2020-01-15T10:00:00+01:00',
      })
      expect(imported.status, imported.text).toBe(201)
      const last = (await reports(members.mistral.startupId)).at(-1)
      expect(last?.data.reportedBy).toEqual({ by: 'startup' })
      expect(last?.metadata).toMatchObject({ occurredAt: '2020-01-15T10:00:00+01:00', override: 'historical-import' })
    })
  })
})
