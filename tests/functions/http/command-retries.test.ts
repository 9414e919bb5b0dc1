import { describe, expect, it } from 'vitest'
import { StoreBusyError } from '../../../functions/store/errors.js'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { apiHarness, client } from './api-harness.js'
import { inProcess } from './transports.js'

/**
 * A conflict the caller did not cause never reaches it: the command decides again on
 * fresh state, and only a store that stays busy past the budget answers 503.
 */
describe('the command handler under contention', () => {
  it('takes every application while staff keep moving the edition they read', async () => {
    // Six joins race for one stream, retrying each other out: give them the time a loaded
    // machine needs (the budget bounds latency; what is tested is that none is refused).
    const harness = await apiHarness({ retryBudgetMs: 30_000 })
    const api = client(await inProcess().start(harness.app), harness)
    expect((await api.admin('POST', '/editions', editionBody('ces-2020', { capacity: 100 }))).status).toBe(201)
    const partner = (i: number) => ({ name: `Partenaire ${i}`, kind: 'other', contribution: 'Stands' })
    const [applications, joins] = await Promise.all([
      Promise.all(Array.from({ length: 30 }, (_, i) => api.public('POST', '/editions/ces-2020/applications', applicationBody(validSiret(61_000_000 + i))))),
      Promise.all(Array.from({ length: 6 }, (_, i) => api.admin('POST', '/editions/ces-2020/partners', partner(i)))),
    ])
    expect(applications.map((a) => a.status)).toEqual(Array(30).fill(201))
    expect(joins.map((j) => j.status)).toEqual(Array(6).fill(201))
    expect(await harness.store.streamVersion('edition-ces-2020')).toBe(7)
    expect(harness.unexpected).toEqual([])
   }, 60_000)

  it('closes an edition in the middle of a rush: each application is taken, or refused as closed', async () => {
    const harness = await apiHarness()
    const api = client(await inProcess().start(harness.app), harness)
    await api.admin('POST', '/editions', editionBody('ces-2020', { capacity: 100 }))
    const apply = (i: number) => api.public('POST', '/editions/ces-2020/applications', applicationBody(validSiret(63_000_000 + i)))
    const early = Array.from({ length: 10 }, (_, i) => apply(i))
    const closed = api.admin('POST', '/editions/ces-2020/close')
    const late = Array.from({ length: 10 }, (_, i) => apply(100 + i))
    const answers = await Promise.all([...early, ...late])
    expect((await closed).status).toBe(200)
    for (const answer of answers) expect([201, 409]).toContain(answer.status)
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.json()).toMatchObject({ type: '/problems/edition-closed' })
    }
    const taken = answers.filter((a) => a.status === 201).map((a) => a.json().applicationId as string)
    for (const id of taken) expect(await harness.store.streamVersion(`application-${id}`)).toBe(1)
    expect((await apply(999)).status).toBe(409)
  })

  it('answers 503 with Retry-After, having written nothing, when the store stays busy past its budget', async () => {
    let busy = false
    let attempts = 0
    const harness = await apiHarness({
      retryBudgetMs: 200,
      appendThrough: (append) => async (appends, options) => {
        if (!busy) return append(appends, options)
        attempts += 1
        throw new StoreBusyError(6)
      },
    })
    const api = client(await inProcess().start(harness.app), harness)
    await api.admin('POST', '/editions', editionBody('ces-2020'))
    busy = true
    const before = await harness.written()
    const response = await api.public('POST', '/editions/ces-2020/applications', applicationBody(validSiret(62_000_001)))
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('1')
    expect(response.json()).toMatchObject({ type: '/problems/busy', status: 503 })
    expect(attempts).toBeGreaterThan(1)
    expect(await harness.written()).toEqual(before)
  })
})
