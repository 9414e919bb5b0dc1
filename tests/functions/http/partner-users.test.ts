import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signDevToken, signPartnerUserToken } from '../../../local/dev-tokens.js'
import { partnerWorld, type PartnerWorld } from '../webhooks/partner-world.js'

/**
 * A partner's users (the portal's people) through the API by crafted requests: each acts
 * for its own partner, as its API key would, and never for another. Every subscription
 * route and every key route is tried by Toulon's user on Nice's objects, and must change
 * nothing; authorisation lives in the routes, whatever a page shows.
 */
describe('partners’ users, by crafted request', () => {
  let world: PartnerWorld
  const nice = 'nice-cote-d-azur'
  const toulon = 'toulon'
  // An address literal: no DNS lookup; nothing is delivered in this file.
  const url = 'https://93.184.216.34/hooks'
  let subscriptionId = ''

  beforeAll(async () => {
    world = await partnerWorld([nice, toulon])
    const created = await world.asUser(nice)('POST', '/subscriptions', {
      url,
      types: ['award.won'],
    })
    expect(created.status).toBe(201)
    subscriptionId = created.json().id
  })
  afterAll(() => expect(world.harness.unexpected).toEqual([]))

  const bearer =
    async (roles: string[], subject = 'someone') =>
    (method: string, path: string, body?: unknown) =>
      signDevToken(world.harness.key, { subject, roles }).then((token) =>
        world.api.public(method, path, body, { Authorization: `Bearer ${token}` }),
      )

  it('acts for its own partner: subscribes, lists only its own, reads the feed', async () => {
    const mine = await world.asUser(nice)('GET', '/subscriptions')
    expect(mine.status).toBe(200)
    expect(mine.json().subscriptions.map((s: { id: string }) => s.id)).toEqual([subscriptionId])
    expect((await world.asUser(toulon)('GET', '/subscriptions')).json().subscriptions).toEqual([])
    // Even asking for another partner's by name lists its own only (staff alone may filter).
    const asked = await world.asUser(toulon)('GET', `/subscriptions?partnerId=${nice}`)
    expect(asked.json().subscriptions).toEqual([])
    expect((await world.asUser(toulon)('GET', '/feed')).status).toBe(200)
    const created = await world.asUser(toulon)('POST', '/subscriptions', { url })
    expect(created.json()).toMatchObject({ partnerId: toulon })
    await world.asUser(toulon)('DELETE', `/subscriptions/${created.json().id}`)
  })

  const subscriptionRoutes = (id: string): Array<[string, string, unknown?]> => [
    ['GET', `/subscriptions/${id}`],
    ['GET', `/subscriptions/${id}/deliveries`],
    ['GET', `/subscriptions/${id}/tests`],
    ['GET', `/subscriptions/${id}/replay-preview?afterSequence=0`],
    ['POST', `/subscriptions/${id}/pause`],
    ['POST', `/subscriptions/${id}/resume`],
    ['POST', `/subscriptions/${id}/test`],
    ['POST', `/subscriptions/${id}/secret-rotation`, {}],
    ['POST', `/subscriptions/${id}/redrive`],
    ['POST', `/subscriptions/${id}/replay`, { afterSequence: 0 }],
    ['DELETE', `/subscriptions/${id}`],
  ]

  it('cannot see nor change another partner’s subscription: 404 on every route, nothing written', async () => {
    const before = await world.harness.written()
    for (const [method, path, body] of subscriptionRoutes(subscriptionId)) {
      const response = await world.asUser(toulon)(method, path, body)
      expect(`${method} ${path}: ${response.status}`).toBe(`${method} ${path}: 404`)
      expect(response.json()).toMatchObject({ type: '/problems/subscription-not-found' })
    }
    expect(await world.harness.written()).toEqual(before)
    expect(
      (await world.asUser(nice)('GET', `/subscriptions/${subscriptionId}`)).json(),
    ).toMatchObject({
      status: 'active',
      signingSecrets: 1,
    })
  })

  it('cannot see nor change another partner’s keys: 403 on every key route, nothing written', async () => {
    const [key] = (await world.api.admin('GET', `/partners/${nice}/keys`)).json().keys
    const before = await world.harness.written()
    const expiresAt = '2020-06-30T00:00:00Z'
    for (const [method, path, body] of [
      ['GET', `/partners/${nice}/keys`],
      ['POST', `/partners/${nice}/keys`, { scopes: ['feed:read'], expiresAt }],
      ['POST', `/partners/${nice}/keys/${key.keyId}/rotation`, {}],
      ['DELETE', `/partners/${nice}/keys/${key.keyId}`],
    ] as const) {
      const response = await world.asUser(toulon)(method, path, body)
      expect(`${method} ${path}: ${response.status}`).toBe(`${method} ${path}: 403`)
    }
    // Its own partner's path with another partner's key id finds nothing.
    expect(
      (await world.asUser(toulon)('DELETE', `/partners/${toulon}/keys/${key.keyId}`)).status,
    ).toBe(404)
    expect(await world.harness.written()).toEqual(before)
  })

  it('manages its own partner’s keys, each issued with an expiry within a year', async () => {
    const own = world.asUser(toulon)
    const noExpiry = await own('POST', `/partners/${toulon}/keys`, { scopes: ['feed:read'] })
    expect(noExpiry.status).toBe(422)
    expect(noExpiry.json()).toMatchObject({ type: '/problems/expiry-required' })
    const tooFar = await own('POST', `/partners/${toulon}/keys`, {
      scopes: ['feed:read'],
      expiresAt: '2021-09-02T10:00:00Z',
    })
    expect(tooFar.status).toBe(422)

    const issued = await own('POST', `/partners/${toulon}/keys`, {
      scopes: ['feed:read'],
      expiresAt: '2020-06-30T00:00:00Z',
    })
    expect(issued.status).toBe(201)
    const { apiKey, keyId, createdBy } = issued.json()
    expect(createdBy).toBe(`local-partner-${toulon}`)
    expect(
      (await world.api.public('GET', '/feed', undefined, { 'X-Api-Key': apiKey })).status,
    ).toBe(200)
    expect(
      (await own('GET', `/partners/${toulon}/keys`))
        .json()
        .keys.map((k: { keyId: string }) => k.keyId),
    ).toContain(keyId)
    const rotated = await own('POST', `/partners/${toulon}/keys/${keyId}/rotation`, {})
    expect(rotated.status).toBe(201)
    expect((await own('DELETE', `/partners/${toulon}/keys/${rotated.json().keyId}`)).status).toBe(
      204,
    )
    expect(
      (await world.api.public('GET', '/feed', undefined, { 'X-Api-Key': rotated.json().apiKey }))
        .status,
    ).toBe(401)
  })

  it('acts for no partner without its binding group, nor with two; a reporting job acts for none either', async () => {
    const unbound = await bearer(['partner'])
    const twice = await bearer(['partner', `partner:${nice}`, `partner:${toulon}`])
    const bindingOnly = await bearer([`partner:${nice}`])
    const reports = await bearer(['reports'])
    for (const call of [unbound, twice, bindingOnly, reports]) {
      expect((await call('GET', '/subscriptions')).status).toBe(403)
      expect((await call('GET', `/subscriptions/${subscriptionId}`)).status).toBe(403)
      expect((await call('POST', '/subscriptions', { url })).status).toBe(403)
      expect((await call('GET', `/partners/${nice}/keys`)).status).toBe(403)
      expect((await call('GET', '/feed')).status).toBe(403)
    }
    // Nor anywhere staff go.
    const user = world.asUser(nice)
    expect((await user('GET', '/reports/history')).status).toBe(403)
    expect((await user('GET', `/streams/partner-${nice}`)).status).toBe(403)
    expect((await user('POST', '/editions/ces-2020/close', {})).status).toBe(403)
  })

  it('is refused with an expired or forged token', async () => {
    const expired = await signPartnerUserToken(
      world.harness.key,
      nice,
      Math.floor(Date.now() / 1000) - 60,
    )
    const headers = { Authorization: `Bearer ${expired}` }
    expect((await world.api.public('GET', '/subscriptions', undefined, headers)).status).toBe(401)
    const forged = `${expired.split('.').slice(0, 2).join('.')}.${'A'.repeat(342)}`
    expect(
      (
        await world.api.public('GET', '/subscriptions', undefined, {
          Authorization: `Bearer ${forged}`,
        })
      ).status,
    ).toBe(401)
  })
})
