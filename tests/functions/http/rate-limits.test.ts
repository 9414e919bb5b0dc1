import { describe, expect, it } from 'vitest'
import { coreConfigFromEnv } from '../../../functions/http/core-config.js'
import { apiHarness } from './api-harness.js'
import { hostileWorld } from './hostile-routes.js'
import { lambdaV2, nodeServer, type Send, type TestResponse } from './transports.js'

const expectTooMany = (response: TestResponse) => {
  expect(response.status).toBe(429)
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect(response.json()).toMatchObject({ type: '/problems/too-many-requests', status: 429 })
  const retryAfter = Number(response.headers.get('retry-after'))
  expect(Number.isInteger(retryAfter)).toBe(true)
  expect(retryAfter).toBeGreaterThan(0)
  expect(retryAfter).toBeLessThanOrEqual(60)
}

const times = async (n: number, call: () => Promise<TestResponse>) => {
  const statuses: number[] = []
  for (let i = 0; i < n; i++) statuses.push((await call()).status)
  return statuses
}

describe('limits per caller (through the Lambda handler, as API Gateway reports addresses)', () => {
  it('limits public calls per client address, each address on its own', async () => {
    const harness = await apiHarness({ rateLimits: { public: 3, partner: 0 } })
    const send = await lambdaV2().start(harness.app)
    const from = (sourceIp: string) => () => send('GET', '/territories', { sourceIp })
    expect(await times(3, from('203.0.113.5'))).toEqual([200, 200, 200])
    expectTooMany(await from('203.0.113.5')())
    expect(await times(3, from('203.0.113.6'))).toEqual([200, 200, 200])
    // A refused form post costs the same: it is the sender that is limited, not the route.
    const post = await send('POST', '/editions/ces-2020/applications', { sourceIp: '203.0.113.5', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expectTooMany(post)
  })

  it('does not count staff with a valid token (historical imports are not public traffic)', async () => {
    const harness = await apiHarness({ rateLimits: { public: 2, partner: 2 } })
    const send = await lambdaV2().start(harness.app)
    const headers = { Authorization: `Bearer ${await harness.token(['admin'])}` }
    expect(await times(6, () => send('GET', '/territories', { headers }))).toEqual(Array(6).fill(200))
    // A token that does not verify is anyone's: counted as the address.
    const forged = { Authorization: 'Bearer x.y.z' }
    expect(await times(2, () => send('GET', '/territories', { headers: forged }))).toEqual([200, 200])
    expectTooMany(await send('GET', '/territories', { headers: forged }))
  })

  it('limits partners per API key, apart from the public limit of their address', async () => {
    const harness = await apiHarness({ rateLimits: { public: 2, partner: 3 } })
    const send: Send = await lambdaV2().start(harness.app)
    const { apiKey } = await hostileWorld(harness, send)
    const withKey = () => send('GET', '/feed', { headers: { 'X-Api-Key': apiKey } })
    expect(await times(3, withKey)).toEqual([200, 200, 200])
    expectTooMany(await withKey())
    // The address's own public budget is untouched.
    expect((await send('GET', '/territories')).status).toBe(200)
    // A garbage key is no key: it counts against the address.
    const garbage = () => send('GET', '/feed', { headers: { 'X-Api-Key': 'dsk_nope' } })
    expect((await garbage()).status).toBe(401)
    expectTooMany(await garbage())
  })

  it('turns a limit off with 0', async () => {
    const harness = await apiHarness({ rateLimits: { public: 0, partner: 0 } })
    const send = await lambdaV2().start(harness.app)
    expect((await times(100, () => send('GET', '/territories'))).every((s) => s === 200)).toBe(true)
  })
})

describe('limits per caller under npm start (@hono/node-server)', () => {
  it('reads the client address from the socket', async () => {
    const harness = await apiHarness({ rateLimits: { public: 2, partner: 0 } })
    const transport = nodeServer()
    const send = await transport.start(harness.app)
    try {
      expect(await times(2, () => send('GET', '/territories'))).toEqual([200, 200])
      expectTooMany(await send('GET', '/territories'))
      // A monitor's probe is never counted, nor refused: it must not depend on DynamoDB.
      expect((await send('GET', '/health')).status).toBe(200)
    } finally {
      await transport.stop()
    }
  })
})

describe('the limits as settings', () => {
  it('come from PUBLIC_RATE_LIMIT and PARTNER_RATE_LIMIT, requests per minute, 0 for none', () => {
    const { rateLimits } = coreConfigFromEnv({ PUBLIC_RATE_LIMIT: '0', PARTNER_RATE_LIMIT: '120' })
    expect(rateLimits).toEqual({ public: 0, partner: 120 })
  })

  it('default to limits an incubator full of start-ups behind one address stays under', () => {
    const { rateLimits } = coreConfigFromEnv({})
    expect(rateLimits.public).toBeGreaterThanOrEqual(300)
    expect(rateLimits.partner).toBeGreaterThanOrEqual(300)
  })

  it('refuse what is not a count', () => {
    for (const value of ['-1', 'many', '1.5']) {
      expect(() => coreConfigFromEnv({ PUBLIC_RATE_LIMIT: value })).toThrow(/PUBLIC_RATE_LIMIT/)
    }
  })
})
