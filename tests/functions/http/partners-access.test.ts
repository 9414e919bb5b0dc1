import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { editionBody } from '../../fixtures/requests.js'
import { fakeClock } from '../webhooks/fixtures.js'
import { apiHarness, client, testNow, type ApiHarness } from './api-harness.js'
import { inProcess } from './transports.js'

/**
 * Partner access through the API, as in AWS (https only, no allowlist): staff issue,
 * list, revoke and rotate keys; partners authenticate with X-Api-Key and see only
 * their own subscriptions; unsafe webhook targets are refused.
 */
describe('partner access', () => {
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  const time = fakeClock(testNow)
  // An address literal: no DNS lookup, and no deliverer runs here to contact it.
  const publicTarget = 'https://93.184.216.34/hooks'

  beforeAll(async () => {
    harness = await apiHarness({ now: time.clock })
    api = client(await inProcess().start(harness.app), harness)
    expect((await api.admin('POST', '/editions', editionBody('ces-2020'))).status).toBe(201)
    for (const partnerId of ['nice-cote-d-azur', 'toulon']) {
      const body = { partnerId, name: partnerId, kind: 'metropolis', contribution: 'Stands' }
      expect((await api.admin('POST', '/editions/ces-2020/partners', body)).status).toBe(201)
    }
  })

  afterAll(() => expect(harness.unexpected).toEqual([]))

  const issue = async (partnerId: string, scopes = ['feed:read', 'subscriptions:write']) => {
    const response = await api.admin('POST', `/partners/${partnerId}/keys`, {
      scopes,
      label: 'integration',
    })
    expect(response.status).toBe(201)
    return response.json<{ keyId: string; apiKey: string }>()
  }
  const withKey = (apiKey: string) => (method: string, path: string, body?: unknown) =>
    api.public(method, path, body, { 'X-Api-Key': apiKey })
  const problem = (response: { status: number; json(): any }, status: number, code: string) => {
    expect(response.status).toBe(status)
    expect(response.json()).toMatchObject({ status, type: `/problems/${code}` })
  }

  it('issues a key once, stores only its hash, and lists keys without secrets', async () => {
    const response = await api.admin('POST', '/partners/nice-cote-d-azur/keys', {
      scopes: ['feed:read'],
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const { apiKey, keyId } = response.json()
    expect(apiKey).toMatch(new RegExp(`^dsk_${keyId}_[A-Za-z0-9_-]{43}$`))
    const listed = await api.admin('GET', '/partners/nice-cote-d-azur/keys')
    expect(listed.json().keys).toContainEqual(
      expect.objectContaining({ keyId, scopes: ['feed:read'], status: 'active' }),
    )
    expect(listed.text).not.toContain(apiKey.slice(-43))
    expect(listed.text).not.toMatch(/hash/)
    expect((await withKey(apiKey)('GET', '/feed')).status).toBe(200)
  })

  it('lets only staff manage keys, and only for registered partners', async () => {
    const { apiKey } = await issue('toulon')
    problem(await withKey(apiKey)('GET', '/partners/toulon/keys'), 401, 'unauthenticated')
    problem(
      await api.reports('POST', '/partners/toulon/keys', { scopes: ['feed:read'] }),
      403,
      'forbidden',
    )
    problem(
      await api.admin('POST', '/partners/nobody/keys', { scopes: ['feed:read'] }),
      404,
      'partner-not-found',
    )
    problem(
      await api.admin('POST', '/partners/toulon/keys', { scopes: ['admin'] }),
      400,
      'validation-failed',
    )
    problem(
      await api.admin('POST', '/partners/toulon/keys', { scopes: [] }),
      400,
      'validation-failed',
    )
  })

  it('refuses a missing, malformed, wrong or revoked key with 401, and a missing scope with 403', async () => {
    const missing = await api.public('GET', '/feed')
    problem(missing, 401, 'unauthenticated')
    expect(missing.headers.get('www-authenticate')).toMatch(/^ApiKey/)
    problem(await withKey('not-a-key')('GET', '/feed'), 401, 'unauthenticated')
    const { apiKey, keyId } = await issue('toulon')
    const forged = `dsk_${keyId}_${'A'.repeat(43)}`
    problem(await withKey(forged)('GET', '/feed'), 401, 'unauthenticated')

    expect((await withKey(apiKey)('GET', '/feed')).status).toBe(200)
    expect((await api.admin('DELETE', `/partners/toulon/keys/${keyId}`)).status).toBe(204)
    problem(await withKey(apiKey)('GET', '/feed'), 401, 'unauthenticated')
    problem(
      await withKey(apiKey)('POST', '/subscriptions', { url: publicTarget }),
      401,
      'unauthenticated',
    )
    const listed = (await api.admin('GET', '/partners/toulon/keys')).json().keys
    expect(listed.find((k: { keyId: string }) => k.keyId === keyId)).toMatchObject({
      status: 'revoked',
    })
    problem(
      await api.admin('DELETE', `/partners/nice-cote-d-azur/keys/${keyId}`),
      404,
      'key-not-found',
    )

    const feedOnly = await issue('toulon', ['feed:read'])
    problem(
      await withKey(feedOnly.apiKey)('POST', '/subscriptions', { url: publicTarget }),
      403,
      'insufficient-scope',
    )
    problem(await withKey(feedOnly.apiKey)('GET', '/subscriptions'), 403, 'insufficient-scope')
    const hooksOnly = await issue('toulon', ['subscriptions:write'])
    problem(await withKey(hooksOnly.apiKey)('GET', '/feed'), 403, 'insufficient-scope')
  })

  it('rotates a key: the replacement works at once, the old one until the overlap ends', async () => {
    const old = await issue('nice-cote-d-azur')
    const rotated = await api.admin(
      'POST',
      `/partners/nice-cote-d-azur/keys/${old.keyId}/rotation`,
      { overlapSeconds: 600 },
    )
    expect(rotated.status).toBe(201)
    const fresh = rotated.json()
    expect(fresh).toMatchObject({ scopes: ['feed:read', 'subscriptions:write'], status: 'active' })
    expect((await withKey(fresh.apiKey)('GET', '/feed')).status).toBe(200)
    expect((await withKey(old.apiKey)('GET', '/feed')).status).toBe(200)
    const keys = (await api.admin('GET', '/partners/nice-cote-d-azur/keys')).json().keys
    expect(keys.find((k: { keyId: string }) => k.keyId === old.keyId)).toMatchObject({
      status: 'expiring',
      replacedBy: fresh.keyId,
    })
    time.advance(601_000)
    problem(await withKey(old.apiKey)('GET', '/feed'), 401, 'unauthenticated')
    expect((await withKey(fresh.apiKey)('GET', '/feed')).status).toBe(200)
    problem(
      await api.admin('POST', `/partners/nice-cote-d-azur/keys/${old.keyId}/rotation`),
      409,
      'key-revoked',
    )

    const immediate = await api.admin(
      'POST',
      `/partners/nice-cote-d-azur/keys/${fresh.keyId}/rotation`,
    )
    expect(immediate.status).toBe(201)
    problem(await withKey(fresh.apiKey)('GET', '/feed'), 401, 'unauthenticated')
    expect((await withKey(immediate.json().apiKey)('GET', '/feed')).status).toBe(200)
  })

  it('refuses webhook targets on the metadata service, private networks, loopback, or over http', async () => {
    const { apiKey } = await issue('nice-cote-d-azur')
    for (const url of [
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/hooks',
      'https://[::1]/hooks',
      'https://[::ffff:a9fe:a9fe]/',
      'https://0xa9fea9fe/',
      'http://93.184.216.34/hooks',
      'ftp://93.184.216.34/',
    ]) {
      const response = await withKey(apiKey)('POST', '/subscriptions', { url })
      problem(response, 422, 'unsafe-target')
    }
    const mine = (await withKey(apiKey)('GET', '/subscriptions')).json().subscriptions
    expect(mine).toEqual([])
  })

  it("shows a partner its own subscriptions only: another partner's are 404; staff see them all", async () => {
    const nice = await issue('nice-cote-d-azur')
    const toulon = await issue('toulon')
    // One name per thing: an edition is `editionId` here as everywhere.
    problem(
      await withKey(nice.apiKey)('POST', '/subscriptions', { url: publicTarget, edition: 'ces-2020' }),
      400,
      'validation-failed',
    )
    const created = await withKey(nice.apiKey)('POST', '/subscriptions', {
      url: publicTarget,
      types: ['award.won'],
      editionId: 'ces-2020',
    })
    expect(created.status).toBe(201)
    const { id, secret } = created.json()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(created.headers.get('location')).toBe(`/subscriptions/${id}`)
    const own = await withKey(nice.apiKey)('GET', `/subscriptions/${id}`)
    expect(own.json()).toMatchObject({
      id,
      url: publicTarget,
      types: ['award.won'],
      editionId: 'ces-2020',
      status: 'active',
      signingSecrets: 1,
    })
    expect(own.text).not.toContain(secret)

    const intruder = withKey(toulon.apiKey)
    for (const [method, path] of [
      ['GET', `/subscriptions/${id}`],
      ['DELETE', `/subscriptions/${id}`],
      ['GET', `/subscriptions/${id}/deliveries`],
      ['POST', `/subscriptions/${id}/redrive`],
      ['POST', `/subscriptions/${id}/secret-rotation`],
    ] as const)
      problem(await intruder(method, path), 404, 'subscription-not-found')
    expect((await intruder('GET', '/subscriptions')).json().subscriptions).toEqual([])

    const all = (await api.admin('GET', '/subscriptions')).json().subscriptions
    expect(all).toContainEqual(expect.objectContaining({ id, partnerId: 'nice-cote-d-azur' }))
    expect(
      (await api.admin('GET', '/subscriptions?partnerId=toulon')).json().subscriptions,
    ).toEqual([])
    expect((await api.admin('GET', `/subscriptions/${id}`)).json()).toMatchObject({
      id,
      status: 'active',
    })
    expect((await api.admin('GET', `/subscriptions/${id}/deliveries`)).json()).toEqual({
      deliveries: [],
    })
    const badCursor = await api.admin('GET', `/subscriptions/${id}/deliveries?cursor=MTI`)
    expect(badCursor.json()).toMatchObject({
      status: 400,
      type: '/problems/invalid-cursor',
      detail: 'Pass back the `next` of a previous page unchanged',
    })
    // The intruder's DELETE deleted nothing.
    expect((await withKey(nice.apiKey)('GET', `/subscriptions/${id}`)).status).toBe(200)
  })

  it('documents the partner routes and both security schemes in the OpenAPI document', async () => {
    const doc = (await api.public('GET', '/openapi.json')).json()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/feed',
        '/subscriptions',
        '/subscriptions/{id}',
        '/subscriptions/{id}/deliveries',
        '/subscriptions/{id}/redrive',
        '/subscriptions/{id}/secret-rotation',
        '/partners/{partnerId}/keys',
        '/partners/{partnerId}/keys/{keyId}',
        '/partners/{partnerId}/keys/{keyId}/rotation',
      ]),
    )
    expect(doc.components.securitySchemes.apiKey).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'X-Api-Key',
    })
  })
})
