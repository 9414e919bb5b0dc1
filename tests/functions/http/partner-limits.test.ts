import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { beforeAll, describe, expect, it } from 'vitest'
import { subscriptionKey } from '../../../functions/shared/partners-table.js'
import { fakeClock } from '../webhooks/fixtures.js'
import { apiHarness, client, testNow, type ApiHarness } from './api-harness.js'
import { hostileWorld } from './hostile-routes.js'
import { inProcess, type Send } from './transports.js'

/** What a partner may hold: a bounded number of subscriptions, keys that may expire. */
describe('partner limits', () => {
  let harness: ApiHarness
  let send: Send
  let apiKey: string
  const time = fakeClock(testNow)
  const target = 'https://93.184.216.34/hooks'

  beforeAll(async () => {
    harness = await apiHarness({ now: time.clock, maxSubscriptionsPerPartner: 2 })
    send = await inProcess().start(harness.app)
    ;({ apiKey } = await hostileWorld(harness, send))
  })

  const subscribe = () =>
    send('POST', '/subscriptions', {
      headers: { 'X-Api-Key': apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: target }),
    })

  it('caps the subscriptions of one partner, and frees a place when one is deleted', async () => {
    const first = await subscribe()
    expect(first.status).toBe(201)
    expect((await subscribe()).status).toBe(201)
    const third = await subscribe()
    expect(third.status).toBe(409)
    expect(third.json()).toMatchObject({ type: '/problems/subscription-limit-reached', limit: 2 })
    const { id } = first.json()
    expect((await send('DELETE', `/subscriptions/${id}`, { headers: { 'X-Api-Key': apiKey } })).status).toBe(204)
    expect((await subscribe()).status).toBe(201)
    expect((await subscribe()).status).toBe(409)
  })

  it('keeps no signing secret of a deleted subscription', async () => {
    const listed = await send('GET', '/subscriptions', { headers: { 'X-Api-Key': apiKey } })
    const id: string = listed.json().subscriptions[0].id
    expect((await send('DELETE', `/subscriptions/${id}`, { headers: { 'X-Api-Key': apiKey } })).status).toBe(204)
    const { Item } = await harness.tables.doc.send(
      new GetCommand({ TableName: harness.tables.names.partners, Key: subscriptionKey(id), ConsistentRead: true }),
    )
    expect(Item?.status).toBe('deleted')
    expect(Item?.secrets).toBeUndefined()
    expect(JSON.stringify(Item)).not.toMatch(/whsec_/)
  })

  it('issues a key that expires, which stops working then', async () => {
    const api = client(send, harness)
    const partnerId = 'metropole-test'
    const expiresAt = new Date(testNow.getTime() + 3_600_000).toISOString()
    const issued = await api.admin('POST', `/partners/${partnerId}/keys`, { scopes: ['feed:read'], expiresAt })
    expect(issued.status).toBe(201)
    expect(issued.json()).toMatchObject({ notAfter: expiresAt, status: 'expiring' })
    const feed = () => send('GET', '/feed', { headers: { 'X-Api-Key': issued.json().apiKey } })
    expect((await feed()).status).toBe(200)
    time.advance(3_600_001)
    expect((await feed()).status).toBe(401)
  })

  it('refuses an expiry in the past', async () => {
    const api = client(send, harness)
    const response = await api.admin('POST', '/partners/metropole-test/keys', {
      scopes: ['feed:read'],
      expiresAt: new Date(time.clock().getTime() - 1_000).toISOString(),
    })
    expect(response.status).toBe(422)
    expect(response.json()).toMatchObject({ type: '/problems/expiry-in-the-past' })
  })
})
