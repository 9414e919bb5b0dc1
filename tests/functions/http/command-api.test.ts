import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDevKey, signDevToken } from '../../../local/dev-tokens.js'
import { startupIdOf } from '../../../functions/commands/ids.js'
import { applicationBody, applicationForm, editionBody, validSiret } from '../../fixtures/requests.js'
import { apiHarness, client, type ApiHarness } from './api-harness.js'
import { lambdaV2, nodeServer, type Transport } from './transports.js'
import { editionApplicationGuardId, seatsCounterId } from '../../../functions/store/guard-ids.js'

/**
 * Every route and every error class of the command API, through the node server
 * and through the Lambda handler invoked with API Gateway v2 events, on DynamoDB Local.
 */
// Each case opens the editions it writes to, so they pass in any order (`--sequence.shuffle`).
describe.each([nodeServer(), lambdaV2()])('command API via $name', (transport: Transport) => {
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  let sirets = 0
  const keyPrefix = transport.name.replace(/\W+/g, '-')
  const nextSiret = () => validSiret(10_000_000 + ++sirets + (transport.name.length * 100_000))

  beforeAll(async () => {
    harness = await apiHarness()
    api = client(await transport.start(harness.app), harness)
    expect((await api.admin('POST', '/editions', editionBody('ces-2020'))).status).toBe(201)
  })
  afterAll(async () => {
    await transport.stop()
    expect(harness.unexpected).toEqual([])
  })

  const version = (streamId: string) => harness.store.streamVersion(streamId)
  const written = () => harness.written()
  const expectProblem = (response: { status: number; headers: Headers; json(): any }, status: number, code: string) => {
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const problem = response.json()
    expect(problem).toMatchObject({ status, type: `/problems/${code}` })
    expect(response.status).toBe(status)
    return problem
  }
  const apply = (body: unknown, headers: Record<string, string> = {}, editionId = 'ces-2020') =>
    api.public('POST', `/editions/${editionId}/applications`, body, headers)

  describe('operations and discovery', () => {
    it('answers GET /health with a request id', async () => {
      const response = await api.public('GET', '/health')
      expect(response.status).toBe(200)
      expect(response.json()).toEqual({ status: 'ok' })
      expect(response.headers.get('x-request-id')).toBeTruthy()
    })

    it('publishes the territories the form offers', async () => {
      const { territories } = (await api.public('GET', '/territories')).json()
      expect(territories.map((t: { slug: string }) => t.slug)).toEqual(
        expect.arrayContaining(['aix-marseille-provence', 'toulon-provence-mediterranee', 'nice-cote-d-azur', 'sophia-antipolis']),
      )
    })

    it('serves an OpenAPI 3.1 document of every route and an interactive reference', async () => {
      const doc = (await api.public('GET', '/openapi.json')).json()
      expect(doc.openapi).toBe('3.1.0')
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/editions',
          '/editions/{editionId}/applications',
          '/applications/{applicationId}/decision',
          '/applications/{applicationId}/withdrawal',
          '/editions/{editionId}/awards',
          '/editions/{editionId}/partners',
          '/editions/{editionId}/close',
          '/streams/{streamId}',
        ]),
      )
      expect(doc.paths['/editions/{editionId}/applications'].post.requestBody.content).toHaveProperty(
        'application/x-www-form-urlencoded',
      )
      const docs = await api.public('GET', '/docs')
      expect(docs.headers.get('content-type')).toMatch(/text\/html/)
      expect(docs.text).toContain('/openapi.json')
    })

    it('answers an unknown route with a 404 problem', async () => {
      expectProblem(await api.public('GET', '/nowhere'), 404, 'not-found')
    })

    it('allows the registration form’s origin, and only it, by CORS', async () => {
      const preflight = (origin: string) =>
        api.send('OPTIONS', '/editions/ces-2020/applications', {
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
        })
      const allowed = await preflight('https://forms.maregionsud.example')
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://forms.maregionsud.example')
      const other = await preflight('https://evil.example')
      expect(other.headers.get('access-control-allow-origin')).toBeNull()
    })
  })

  describe('staff authentication', () => {
    it('refuses a missing token with 401 and a challenge', async () => {
      const response = await api.public('POST', '/editions', editionBody('ces-refused'))
      expectProblem(response, 401, 'unauthenticated')
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expect(await version('edition-ces-refused')).toBe(0)
    })

    it('refuses an expired token, and one signed by another key, with 401', async () => {
      const expired = await harness.token(['admin'], Math.floor(Date.now() / 1000) - 60)
      const stranger = await signDevToken(await generateDevKey(), { subject: 'x', roles: ['admin'] })
      for (const token of [expired, stranger, 'not-a-jwt']) {
        const response = await api.public('POST', '/editions', editionBody('ces-refused'), { Authorization: `Bearer ${token}` })
        expectProblem(response, 401, 'unauthenticated')
      }
      expect(await version('edition-ces-refused')).toBe(0)
    })

    it('refuses a reporting token on a staff route with 403', async () => {
      expectProblem(await api.reports('POST', '/editions', editionBody('ces-refused')), 403, 'forbidden')
      expect(await version('edition-ces-refused')).toBe(0)
    })
  })

  describe('POST /editions', () => {
    it('opens an edition with its version as ETag, and refuses opening it twice', async () => {
      const opened = await api.admin('POST', '/editions', editionBody('vivatech-2020', { show: 'VivaTech', city: 'Paris' }))
      expect(opened.status).toBe(201)
      expect(opened.headers.get('etag')).toBe('"1"')
      expect(opened.json()).toEqual({ editionId: 'vivatech-2020', status: 'open' })
      expectProblem(await api.admin('POST', '/editions', editionBody('vivatech-2020')), 409, 'edition-already-exists')
    })

    it('refuses inconsistent dates with 422', async () => {
      const body = editionBody('mwc-2020', { startsOn: '2020-02-27', endsOn: '2020-02-24' })
      expectProblem(await api.admin('POST', '/editions', body), 422, 'invalid-edition-dates')
      expect(await version('edition-mwc-2020')).toBe(0)
    })
  })

  describe('POST /editions/{id}/applications', () => {
    it('records a JSON application and a new start-up, with a withdrawal token', async () => {
      const siret = nextSiret()
      const response = await apply(applicationBody(siret))
      expect(response.status).toBe(201)
      const body = response.json()
      expect(body).toMatchObject({ status: 'received', applicationId: expect.any(String), startupId: expect.any(String) })
      expect(body.withdrawalToken.length).toBeGreaterThan(20)
      const [registered] = await harness.store.readStream(`startup-${body.startupId}`)
      expect(registered).toMatchObject({ type: 'startup.registered', data: { siret, territory: 'aix-marseille-provence' } })
      expect(registered?.metadata.actor).toBe('public')
    })

    it('accepts a plain HTML form with bracketed names', async () => {
      const response = await api.send('POST', '/editions/ces-2020/applications', {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: applicationForm(nextSiret()),
      })
      expect(response.status).toBe(201)
      expect(response.headers.get('etag')).toBe('"1"')
      const [submitted] = await harness.store.readStream(`application-${response.json().applicationId}`)
      expect(submitted).toMatchObject({ type: 'application.submitted', data: { themes: ['environment', 'water'], startupName: 'Calanques Tech' } })
    })

    it('applies a known SIRET under its existing id, and holds a second application to one edition for staff', async () => {
      const siret = nextSiret()
      await api.admin('POST', '/editions', editionBody('ces-2019-b', { applicationDeadline: '2019-10-01T00:00:00Z' }))
      const first = (await apply(applicationBody(siret))).json()
      const elsewhere = await apply(applicationBody(siret), {}, 'ces-2019-b')
      expect(elsewhere.status).toBe(201)
      expect(elsewhere.json().startupId).toBe(first.startupId)
      expect(await version(`startup-${first.startupId}`)).toBe(1)
      // The start-up's one application stays the first; a second is held, and its answer
      // names no other application (a SIRET is public: issue 20).
      const again = await apply(applicationBody(siret))
      expect(again.status).toBe(201)
      expect(again.json()).toEqual({ applicationId: expect.any(String), startupId: first.startupId, status: 'received', withdrawalToken: expect.any(String) })
      expect(JSON.stringify(again.json())).not.toContain(first.applicationId)
      const [held] = await harness.store.readStream(`application-${again.json().applicationId}`)
      expect(held?.type).toBe('application.held')
      expect(await harness.store.findGuard(editionApplicationGuardId('ces-2020', first.startupId))).toMatchObject({ applicationId: first.applicationId })
    })

    it('holds an application made again after a withdrawal, for staff to judge', async () => {
      const siret = nextSiret()
      const first = (await apply(applicationBody(siret))).json()
      const withdrawal = { token: first.withdrawalToken }
      expect((await api.public('POST', `/applications/${first.applicationId}/withdrawal`, withdrawal)).status).toBe(200)
      const again = await apply(applicationBody(siret))
      expect(again.json()).toMatchObject({ status: 'received' })
      const [held] = await harness.store.readStream(`application-${again.json().applicationId}`)
      expect(held?.type).toBe('application.held')
    })

    it('takes 50 concurrent first applications to one edition, every one of them', async () => {
      await api.admin('POST', '/editions', editionBody('ces-2020-rush', { capacity: 100 }))
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => apply(applicationBody(nextSiret()), {}, 'ces-2020-rush')),
      )
      expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(201))
      const ids = answers.map((answer) => answer.json().applicationId)
      expect(new Set(ids).size).toBe(50)
      for (const id of ids) expect(await version(`application-${id}`)).toBe(1)
    })

    it('answers an unknown edition with 404', async () => {
      expectProblem(await apply(applicationBody(nextSiret()), {}, 'ces-1999'), 404, 'edition-not-found')
    })

    it('refuses an application after the deadline, writing nothing', async () => {
      await api.admin('POST', '/editions', editionBody('ces-2019', { applicationDeadline: '2019-08-01T00:00:00Z' }))
      const siret = nextSiret()
      const before = await written()
      expectProblem(await apply(applicationBody(siret), {}, 'ces-2019'), 422, 'application-deadline-passed')
      expect(await written()).toEqual(before)
      expect(await version(`startup-${startupIdOf(siret)}`)).toBe(0)
    })

    it.each([
      ['a SIRET with a bad check digit', { startup: { ...applicationBody('').startup, siret: '73282932000075' } }, 'startup.siret'],
      ['an e-mail that is not one', { contact: { name: 'Inès', email: 'ines-at-calanques' } }, 'contact.email'],
      ['an unknown field', { coupon: 'CES-FREE' }, '(body)'],
      ['control characters', { pitch: 'Sea water\u0007 into drinking water' }, 'pitch'],
      ['no consent', { consent: false }, 'consent'],
      ['an unknown territory', { startup: { ...applicationBody('').startup, siret: '73282932000074', territory: 'paris' } }, 'startup.territory'],
    ])('refuses %s with 400 naming the field', async (_case, overrides, field) => {
      const before = await written()
      const body = { ...applicationBody(nextSiret()), ...overrides }
      const problem = expectProblem(await apply(body), 400, 'validation-failed')
      expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field)
      expect(await written()).toEqual(before)
    })

    it('refuses malformed JSON, a wrong content type and a 1 MB body, each with its own problem', async () => {
      const before = await written()
      expectProblem(await apply('{"startup": {'), 400, 'malformed-json')
      expectProblem(
        await api.send('POST', '/editions/ces-2020/applications', { headers: { 'Content-Type': 'text/plain' }, body: 'hello' }),
        415,
        'unsupported-media-type',
      )
      expectProblem(await apply({ ...applicationBody(nextSiret()), pitch: 'x'.repeat(1024 * 1024) }), 413, 'content-too-large')
      expect(await written()).toEqual(before)
    })

    it('lets staff record history with occurredAt, kept apart from recordedAt, and refuses it from the public', async () => {
      await api.admin('POST', '/editions', editionBody('ces-2017', { startsOn: '2017-01-05', endsOn: '2017-01-08', applicationDeadline: '2016-10-01T00:00:00Z' }))
      const body = { ...applicationBody(nextSiret()), occurredAt: '2016-09-15T10:00:00Z' }
      expectProblem(await apply(body, {}, 'ces-2017'), 403, 'forbidden')
      const recorded = await api.admin('POST', '/editions/ces-2017/applications', body)
      expect(recorded.status).toBe(201)
      const [submitted] = await harness.store.readStream(`application-${recorded.json().applicationId}`)
      expect(submitted?.metadata).toMatchObject({ occurredAt: '2016-09-15T10:00:00Z', override: 'historical-import' })
      expect(submitted?.recordedAt).not.toBe('2016-09-15T10:00:00Z')
    })
  })

  describe('Idempotency-Key', () => {
    it('answers a retried submission with the first answer and writes nothing more', async () => {
      const body = applicationBody(nextSiret())
      const headers = { 'Idempotency-Key': `form-${keyPrefix}-1-0193a5c4-7d2e-7b31` }
      const first = await apply(body, headers)
      const before = await written()
      const retry = await apply(body, headers)
      expect(retry.status).toBe(201)
      expect(retry.json()).toEqual(first.json())
      expect(retry.headers.get('idempotent-replayed')).toBe('true')
      expect(await written()).toEqual(before)
    })

    it('writes one application when duplicates race', async () => {
      const siret = nextSiret()
      const body = applicationBody(siret)
      const headers = { 'Idempotency-Key': `form-${keyPrefix}-race` }
      const answers = await Promise.all(Array.from({ length: 8 }, () => apply(body, headers)))
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201))
      const ids = new Set(answers.map((a) => a.json().applicationId))
      expect(ids.size).toBe(1)
      const [id] = ids
      expect(await version(`application-${id}`)).toBe(1)
      expect(await version(`startup-${startupIdOf(siret)}`)).toBe(1)
      const guard = await harness.store.findGuard(editionApplicationGuardId('ces-2020', startupIdOf(siret)))
      expect(guard?.applicationId).toBe(id)
    })

    it('refuses the same key with another body with 422', async () => {
      const headers = { 'Idempotency-Key': `form-${keyPrefix}-2` }
      await apply(applicationBody(nextSiret()), headers)
      const { keys: _keys, ...before } = await written()
      expectProblem(await apply(applicationBody(nextSiret()), headers), 422, 'idempotency-key-reused')
      // The new contact's data key is made before the append (functions/personal-data/vault.ts):
      // a key without events holds nothing and is destroyed with the start-up's erasure.
      const { keys: _after, ...after } = await written()
      expect(after).toEqual(before)
    })
  })

  describe('decisions, withdrawals, awards, partners and closing', () => {
    const openWithApplications = async (editionId: string, capacity: number, count: number) => {
      await api.admin('POST', '/editions', editionBody(editionId, { capacity }))
      const ids: { applicationId: string; startupId: string; withdrawalToken: string }[] = []
      for (let i = 0; i < count; i++) ids.push((await apply(applicationBody(nextSiret()), {}, editionId)).json())
      return ids
    }

    it('selects and rejects, with the application’s version as ETag, 412 on a stale If-Match and 409 on a second decision', async () => {
      const [a, b] = await openWithApplications('ces-2021', 5, 2)
      const selected = await api.admin('POST', `/applications/${a?.applicationId}/decision`, { decision: 'selected' }, { 'If-Match': '"1"' })
      expect(selected.status).toBe(200)
      expect(selected.json()).toEqual({ applicationId: a?.applicationId, status: 'selected' })
      expect(selected.headers.get('etag')).toBe('"2"')
      const stale = { 'If-Match': '"2"' }
      const refused = expectProblem(await api.admin('POST', `/applications/${b?.applicationId}/decision`, { decision: 'rejected' }, stale), 412, 'precondition-failed')
      expect(refused.currentVersion).toBe(1)
      const rejected = await api.admin('POST', `/applications/${b?.applicationId}/decision`, { decision: 'rejected', reason: 'Out of scope' }, { 'If-Match': '"1"' })
      expect(rejected.status).toBe(200)
      expectProblem(await api.admin('POST', `/applications/${a?.applicationId}/decision`, { decision: 'rejected' }), 409, 'application-already-decided')
      expectProblem(await api.admin('POST', '/applications/nope/decision', { decision: 'selected' }), 404, 'application-not-found')
    })

    it('selects exactly one of eleven concurrent selections for the last seat', async () => {
      const applications = await openWithApplications('ces-2022', 1, 11)
      const answers = await Promise.all(
        applications.map((a) => api.admin('POST', `/applications/${a.applicationId}/decision`, { decision: 'selected' })),
      )
      expect(answers.filter((r) => r.status === 200)).toHaveLength(1)
      for (const refused of answers.filter((r) => r.status !== 200)) expectProblem(refused, 409, 'edition-full')
      const streams = await Promise.all(applications.map((a) => harness.store.readStream(`application-${a.applicationId}`)))
      expect(streams.flat().filter((e) => e.type === 'application.selected')).toHaveLength(1)
      expect(await harness.store.readCounter(seatsCounterId('ces-2022'))).toBe(1)
    })

    it('withdraws with the application’s token, refuses a wrong one, and lets staff withdraw', async () => {
      const [a, b] = await openWithApplications('ces-2023', 5, 2)
      expectProblem(await api.public('POST', `/applications/${a?.applicationId}/withdrawal`, { token: 'guess' }), 403, 'invalid-withdrawal-token')
      const own = await api.public('POST', `/applications/${a?.applicationId}/withdrawal`, { token: a?.withdrawalToken, reason: 'Not ready' })
      expect(own.json()).toEqual({ applicationId: a?.applicationId, status: 'withdrawn' })
      expect((await api.admin('POST', `/applications/${b?.applicationId}/withdrawal`, {})).status).toBe(200)
      const streams = await Promise.all([a, b].map((x) => harness.store.readStream(`application-${x?.applicationId}`)))
      const withdrawn = streams.flat().filter((e) => e.type === 'application.withdrawn')
      expect(withdrawn.map((e) => (e.type === 'application.withdrawn' ? e.data.by : ''))).toEqual(['startup', 'staff'])
    })

    it('frees the seat of a member who withdraws, so another can be selected', async () => {
      const [a, b] = await openWithApplications('ces-2023-b', 1, 2)
      await api.admin('POST', `/applications/${a?.applicationId}/decision`, { decision: 'selected' })
      expectProblem(await api.admin('POST', `/applications/${b?.applicationId}/decision`, { decision: 'selected' }), 409, 'edition-full')
      await api.public('POST', `/applications/${a?.applicationId}/withdrawal`, { token: a?.withdrawalToken })
      expect((await api.admin('POST', `/applications/${b?.applicationId}/decision`, { decision: 'selected' })).status).toBe(200)
      expect(await harness.store.readCounter(seatsCounterId('ces-2023-b'))).toBe(1)
    })

    it('records awards for delegation members only', async () => {
      const [member, outsider] = await openWithApplications('ces-2024', 5, 2)
      await api.admin('POST', `/applications/${member?.applicationId}/decision`, { decision: 'selected' })
      const award = { award: 'honoree', category: 'Sustainability, Eco-Design & Smart Energy' }
      const won = await api.admin('POST', '/editions/ces-2024/awards', { ...award, startupId: member?.startupId })
      expect(won.status).toBe(201)
      expectProblem(await api.admin('POST', '/editions/ces-2024/awards', { ...award, startupId: outsider?.startupId }), 409, 'not-a-delegation-member')
      expectProblem(await api.admin('POST', '/editions/ces-2024/awards', { ...award, startupId: member?.startupId }), 409, 'award-already-won')
    })

    it('registers a new partner as it joins, lets it join another edition by id, once each', async () => {
      await api.admin('POST', '/editions', editionBody('ces-2025'))
      const joined = await api.admin('POST', '/editions/ces-2025/partners', {
        name: "Métropole Nice Côte d'Azur",
        kind: 'metropolis',
        contribution: 'Ten stands in the Eureka Park pavilion',
      })
      expect(joined.status).toBe(201)
      expect(joined.json()).toEqual({ partnerId: 'metropole-nice-cote-d-azur', editionId: 'ces-2025' })
      await api.admin('POST', '/editions', editionBody('ces-2025-b'))
      const again = await api.admin('POST', '/editions/ces-2025-b/partners', { partnerId: 'metropole-nice-cote-d-azur', contribution: 'Travel grants' })
      expect(again.status).toBe(201)
      const joinedEvent = (await harness.store.readStream('edition-ces-2025-b')).at(-1)
      expect(joinedEvent).toMatchObject({ type: 'partner.joined', data: { name: "Métropole Nice Côte d'Azur", kind: 'metropolis' } })
      expectProblem(await api.admin('POST', '/editions/ces-2025/partners', { partnerId: 'metropole-nice-cote-d-azur', contribution: 'More' }), 409, 'partner-already-joined')
      expectProblem(await api.admin('POST', '/editions/ces-2025/partners', { partnerId: 'nobody', contribution: 'x' }), 404, 'partner-not-found')
      expectProblem(await api.admin('POST', '/editions/ces-2025/partners', { contribution: 'x' }), 400, 'validation-failed')
    })

    it('closes an edition, after which applications are refused', async () => {
      await api.admin('POST', '/editions', editionBody('ces-2026'))
      const closed = await api.admin('POST', '/editions/ces-2026/close')
      expect(closed.status).toBe(200)
      expect(closed.json()).toEqual({ editionId: 'ces-2026', status: 'closed' })
      expectProblem(await apply(applicationBody(nextSiret()), {}, 'ces-2026'), 409, 'edition-closed')
      expectProblem(await api.admin('POST', '/editions/ces-2026/close'), 409, 'edition-closed')
    })
  })

  describe('GET /streams/{streamId}', () => {
    it('shows staff an edition’s events in order, with the version as ETag', async () => {
      const response = await api.admin('GET', '/streams/edition-ces-2020')
      expect(response.status).toBe(200)
      const { events, version: current } = response.json()
      expect(events.map((e: { version: number }) => e.version)).toEqual(Array.from({ length: current }, (_, i) => i + 1))
      expect(events[0].type).toBe('edition.opened')
      expect(response.headers.get('etag')).toBe(`"${current}"`)
    })

    it('is for staff only', async () => {
      expectProblem(await api.public('GET', '/streams/edition-ces-2020'), 401, 'unauthenticated')
      expectProblem(await api.reports('GET', '/streams/edition-ces-2020'), 403, 'forbidden')
    })
  })
})
