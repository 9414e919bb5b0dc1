import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiHarness, client, type ApiHarness } from '../http/api-harness.js'
import { lambdaV2 } from '../http/transports.js'
import { catchUp } from './catch-up.js'
import { recordTwoEditions } from './reports-scenario.js'

/**
 * The start-up directory, who may read the reports, and what they never show, through
 * the Lambda handler (API Gateway v2 events) on DynamoDB Local with the real projector.
 */
describe('start-up directory and report access', () => {
  const transport = lambdaV2()
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  let ids: Awaited<ReturnType<typeof recordTwoEditions>>
  let position: number

  beforeAll(async () => {
    harness = await apiHarness()
    api = client(await transport.start(harness.app), harness)
    ids = await recordTwoEditions(api)
    position = await catchUp(harness.tables)
  }, 60_000)
  afterAll(async () => {
    await transport.stop()
    expect(harness.unexpected).toEqual([])
  })

  const json = async (path: string) => {
    const response = await api.reports('GET', path)
    expect(response.status, response.text).toBe(200)
    return response.json()
  }
  const names = (page: { items: { name: string }[] }) => page.items.map((item) => item.name)
  const personal = /ines@calanques\.example|Inès Martin|\+33 4 91|drinking water|siret/i

  it('lists the directory, and filters it by territory, theme or edition', async () => {
    expect(names(await json('/startups')).sort()).toEqual(
      ['+Plus Mobilité', 'Calanques Tech', 'Santé Azur', 'Valbonne IA'],
    )
    expect(names(await json('/startups?territory=nice-cote-d-azur'))).toEqual(['Santé Azur'])
    const green = names(await json('/startups?theme=environment'))
    expect(green.sort()).toEqual(['+Plus Mobilité', 'Calanques Tech'])
    expect(names(await json('/startups?editionId=ces-2019'))).toEqual(['Calanques Tech'])
    const both = names(await json('/startups?editionId=ces-2020&theme=mobility'))
    expect(both).toEqual(['+Plus Mobilité'])
  })

  it('pages through the directory with limit and cursor', async () => {
    const seen: string[] = []
    let path = '/startups?limit=1'
    for (let pages = 0; pages < 10; pages++) {
      const page = await json(path)
      expect(page.currentTo).toBe(position)
      expect(page.items.length).toBeLessThanOrEqual(1)
      seen.push(...names(page))
      if (!page.next) break
      path = `/startups?limit=1&cursor=${encodeURIComponent(page.next)}`
    }
    expect(seen.sort()).toEqual(['+Plus Mobilité', 'Calanques Tech', 'Santé Azur', 'Valbonne IA'])
  })

  it('shows a start-up’s page with its applications and awards', async () => {
    const { startup, currentTo } = await json(`/startups/${ids.calanques.startupId}`)

    expect(currentTo).toBe(position)
    expect(startup).toMatchObject({
      name: 'Calanques Tech',
      city: 'Marseille',
      territoryName: 'Aix-Marseille Provence',
      website: 'https://calanques.example',
      editionsApplied: ['ces-2019', 'ces-2020'],
      editionsSelected: ['ces-2019', 'ces-2020'],
    })
    type Application = { editionId: string; status: string }
    const applications = startup.applications.map((a: Application) => [a.editionId, a.status])
    expect(applications).toEqual([
      ['ces-2019', 'selected'],
      ['ces-2020', 'selected'],
    ])
    const awards = startup.awards.map((a: { award: string }) => a.award)
    expect(awards).toEqual(['honoree', 'best-of-innovation'])
  })

  it('never shows a contact person, an e-mail, a phone, a SIRET or a pitch', async () => {
    const paths = [
      '/startups',
      `/startups/${ids.sante.startupId}`,
      '/reports/editions/ces-2020',
      '/reports/editions/ces-2020/delegation',
      '/reports/awards',
      '/reports/partners',
      '/reports/history',
    ]
    for (const path of paths) {
      const { text } = await api.reports('GET', path)
      expect(text).not.toMatch(personal)
    }
  })

  it('answers 404 problems for an unknown edition or start-up', async () => {
    for (const path of [
      '/reports/editions/ces-1999',
      '/reports/editions/ces-1999/delegation.csv',
      '/reports/awards?editionId=ces-1999',
      '/reports/partners?editionId=ces-1999',
      '/startups?editionId=ces-1999',
      '/startups/no-such-startup',
    ]) {
      const response = await api.reports('GET', path)
      expect(response.status, path).toBe(404)
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      expect(response.json().type).toMatch(/^\/problems\/(edition|startup)-not-found$/)
    }
  })

  it('refuses a bad cursor or filter with a 400 problem', async () => {
    expect((await api.reports('GET', '/startups?cursor=not-a-cursor')).json()).toMatchObject({
      status: 400,
      type: '/problems/invalid-cursor',
      // The same answer as the partner feed's and the delivery log's: one catalogue entry.
      detail: 'Pass back the `next` of a previous page unchanged',
    })
    expect((await api.reports('GET', '/startups?territory=atlantis')).status).toBe(400)
    expect((await api.reports('GET', '/startups?limit=1000')).status).toBe(400)
  })

  it('lets reporting jobs and staff in, and no one else', async () => {
    expect((await api.public('GET', '/reports/history')).status).toBe(401)
    expect((await api.public('GET', '/startups')).status).toBe(401)
    const partner = await harness.token(['partner'])
    const headers = { Authorization: `Bearer ${partner}` }
    const refused = await api.send('GET', '/reports/history', { headers })
    expect(refused.status).toBe(403)
    expect((await api.admin('GET', '/reports/editions/ces-2020/delegation.csv')).status).toBe(200)
    expect((await api.reports('GET', '/startups')).status).toBe(200)
  })

  it('documents every report in the OpenAPI document, with CSV where it is offered', async () => {
    const doc = (await api.public('GET', '/openapi.json')).json()

    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/reports/editions/{editionId}',
        '/reports/editions/{editionId}/delegation',
        '/reports/editions/{editionId}/delegation.csv',
        '/reports/awards',
        '/reports/partners',
        '/reports/history',
        '/startups',
        '/startups/{startupId}',
      ]),
    )
    const delegation = doc.paths['/reports/editions/{editionId}/delegation'].get
    expect(Object.keys(delegation.responses[200].content)).toEqual(['application/json', 'text/csv'])
    expect(delegation.responses[200].headers).toHaveProperty('X-Current-To-Position')
    expect(delegation.security).toEqual([{ bearer: [] }])
  })
})
