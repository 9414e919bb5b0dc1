import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { currentConsentVersion } from '../../../domain/shared/consent.js'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { apiHarness } from './api-harness.js'
import { hostileWorld } from './hostile-routes.js'
import { lambdaV2, type Send } from './transports.js'

/** A key of the right shape that nobody issued: a fresh one per request, as an abuser would. */
const inventedKey = () => `dsk_${randomBytes(12).toString('hex')}_${randomBytes(32).toString('base64url')}`

describe('limits per caller, shared by every instance', () => {
  it('holds an address to its limit across three instances, whatever keys it invents', async () => {
    const first = await apiHarness({ rateLimits: { public: 300, partner: 600 } })
    const more = await Promise.all([1, 2].map(() => apiHarness({ sameTablesAs: { tables: first.tables, key: first.key }, rateLimits: { public: 300, partner: 600 } })))
    const instances: Send[] = await Promise.all([first, ...more].map((harness) => lambdaV2().start(harness.app)))
    const statuses: number[] = []
    for (let i = 0; i < 301; i++) {
      const send = instances[i % 3] as Send
      statuses.push((await send('GET', '/territories', { sourceIp: '198.51.100.7', headers: { 'X-Api-Key': inventedKey() } })).status)
    }
    expect(statuses.slice(0, 300)).toEqual(Array(300).fill(200))
    expect(statuses[300]).toBe(429)
    // Another address is its own caller.
    expect((await (instances[1] as Send)('GET', '/territories', { sourceIp: '198.51.100.8' })).status).toBe(200)
  }, 120_000)

  it('leaves a partner’s allowance to its key: its key id with a wrong secret spends the sender’s', async () => {
    const harness = await apiHarness({ rateLimits: { public: 50, partner: 5 } })
    const send = await lambdaV2().start(harness.app)
    const { apiKey } = await hostileWorld(harness, send)
    const keyId = /^dsk_([0-9a-f]{24})_/.exec(apiKey)?.[1] ?? ''
    const impostor = `dsk_${keyId}_${randomBytes(32).toString('base64url')}`
    for (let i = 0; i < 10; i++) {
      expect((await send('GET', '/feed', { sourceIp: '203.0.113.66', headers: { 'X-Api-Key': impostor } })).status).toBe(401)
    }
    const partner = await Promise.all(Array.from({ length: 5 }, () => send('GET', '/feed', { sourceIp: '192.0.2.10', headers: { 'X-Api-Key': apiKey } })))
    expect(partner.map((answer) => answer.status)).toEqual(Array(5).fill(200))
    expect((await send('GET', '/feed', { sourceIp: '192.0.2.10', headers: { 'X-Api-Key': apiKey } })).status).toBe(429)
  }, 60_000)

  it('counts a page and the API call it makes as its visitor’s, once: one visitor cannot fill another’s bucket', async () => {
    const harness = await apiHarness({ rateLimits: { public: 3, partner: 0 } })
    const send = await lambdaV2().start(harness.app)
    const admin = { Authorization: `Bearer ${await harness.token(['admin'])}`, 'Content-Type': 'application/json' }
    expect((await send('POST', '/editions', { headers: admin, body: JSON.stringify(editionBody('ces-2020')) })).status).toBe(201)
    const form = (seed: number) => {
      const { startup, contact, pitch } = applicationBody(validSiret(seed))
      const fields = new URLSearchParams({
        'startup[name]': startup.name, 'startup[siret]': startup.siret, 'startup[city]': startup.city,
        'startup[territory]': startup.territory, 'startup[website]': startup.website, 'startup[description]': startup.description,
        'contact[name]': contact.name, 'contact[email]': contact.email, pitch, consent: 'on', consentVersion: currentConsentVersion,
      })
      for (const theme of startup.themes) fields.append('startup[themes][]', theme)
      return { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: fields.toString() }
    }
    // Three posts of the no-JS form from one visitor: three counted requests, not six.
    for (const seed of [71, 72, 73]) expect((await send('POST', '/editions/ces-2020/apply', { sourceIp: '203.0.113.1', ...form(seed) })).status).toBe(201)
    expect((await send('POST', '/editions/ces-2020/apply', { sourceIp: '203.0.113.1', ...form(74) })).status).toBe(429)
    // Another visitor's post is their own.
    expect((await send('POST', '/editions/ces-2020/apply', { sourceIp: '203.0.113.2', ...form(75) })).status).toBe(201)
  }, 60_000)
})
