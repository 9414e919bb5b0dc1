import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { apiHarness, client, type ApiHarness } from './api-harness.js'
import { inProcess } from './transports.js'

/**
 * Random and malformed bodies thrown at the public registration route: the API must
 * never answer 5xx, and must never write an event for a body it refuses.
 */
describe('registration route under random input', () => {
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  let seed = 0

  beforeAll(async () => {
    harness = await apiHarness()
    api = client(await inProcess().start(harness.app), harness)
    await api.admin('POST', '/editions', editionBody('ces-2020'))
  })

  const post = (body: string, contentType?: string) =>
    api.send('POST', '/editions/ces-2020/applications', {
      headers: contentType ? { 'Content-Type': contentType } : {},
      body,
    })

  /**
   * Posts, then checks the two promises: no 5xx, and nothing written unless accepted (then
   * the application, its guard, and the start-up's registration if it was new).
   */
  const check = async (body: string, contentType?: string) => {
    const before = await harness.written()
    const response = await post(body, contentType)
    expect(response.status).toBeLessThan(500)
    const after = await harness.written()
    if (response.status !== 201) {
      expect(after).toEqual(before)
      expect(response.headers.get('content-type')).toMatch(/problem\+json/)
      return
    }
    expect(await harness.store.streamVersion(`application-${response.json().applicationId}`)).toBe(1)
    expect(after.events - before.events).toBeGreaterThanOrEqual(1)
    expect(after.events - before.events).toBeLessThanOrEqual(2)
    expect(after.guards - before.guards).toBe(1)
  }

  const contentTypes = fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'text/plain',
    'multipart/form-data; boundary=x',
    undefined,
  )

  it('survives arbitrary text under any content type', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), contentTypes, check), { numRuns: 150 })
  })

  it('survives arbitrary JSON values', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (value) => check(JSON.stringify(value) ?? 'null', 'application/json')), {
      numRuns: 150,
    })
  })

  it('survives a valid application with one field replaced or removed', async () => {
    const paths = [['pitch'], ['consent'], ['startup', 'siret'], ['startup', 'themes'], ['startup', 'territory'], ['contact', 'email'], ['startup'], ['contact', 'phone']]
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.option(fc.jsonValue({ maxDepth: 2 })), async (path, replacement) => {
        const body: any = applicationBody(validSiret(50_000_000 + ++seed))
        const parent = path.length === 2 ? body[path[0] as string] : body
        const key = path.at(-1) as string
        if (replacement === null) delete parent[key]
        else parent[key] = replacement
        await check(JSON.stringify(body), 'application/json')
      }),
      { numRuns: 150 },
    )
  })

  it('survives random form fields', async () => {
    const field = fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 }))
    await fc.assert(
      fc.asyncProperty(fc.array(field, { maxLength: 12 }), (fields) =>
        check(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded'),
      ),
      { numRuns: 150 },
    )
    expect(harness.unexpected).toEqual([])
  })
})
