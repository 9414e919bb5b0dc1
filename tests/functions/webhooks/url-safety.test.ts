import { afterEach, describe, expect, it } from 'vitest'
import { targetPolicyFromEnv } from '../../../functions/webhooks/target-policy.js'
import { apiHarness } from '../http/api-harness.js'
import { hostileWorld } from '../http/hostile-routes.js'
import { inProcess } from '../http/transports.js'
import { createWebhookSender } from '../../../functions/webhooks/delivery/http-sender.js'
import {
  checkTarget,
  isForbiddenAddress,
  UnsafeTargetError,
  type Lookup,
  type TargetPolicy,
} from '../../../functions/webhooks/url-safety.js'
import { connectGuard } from './connect-guard.js'
import { startReceiver } from './fixtures.js'

const aws: TargetPolicy = { allowHttp: false, allowedHosts: [] }
const local: TargetPolicy = { allowHttp: true, allowedHosts: ['127.0.0.1', 'localhost'] }
/** A DNS that answers from a table: no query ever leaves the machine. */
const dns =
  (answers: Record<string, string[]>): Lookup =>
  async (host) => {
    const addresses = answers[host]
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  }
/** The one reason a partner reads for a host that does not resolve or is not public. */
const notPublic = 'must name a host that resolves to public addresses only'
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UnsafeTargetError)
  return (error as UnsafeTargetError).reason
}

describe('forbidden addresses', () => {
  it.each([
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '127.0.0.1',
    '127.8.8.8',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fd00::1',
    'fc00::1',
    'fe80::1',
    '::ffff:169.254.169.254',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a9fe:a9fe',
    'not-an-address',
    // IANA's special-purpose registries, and everything outside IPv6 global unicast.
    '192.88.99.1',
    '192.31.196.1',
    '192.52.193.1',
    '192.175.48.1',
    '198.18.0.1',
    'fec0::1',
    '2001::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '2001:2::1',
    '2001:10::1',
    '2001:20::1',
    '2001:db8::1',
    '100::1',
    '100:0:0:1::1',
    '::ffff:0:a00:1',
    '::ffff:0:5db8:d822',
    '3fff::1',
    '5f00::1',
    '4000::1',
    '::5db8:d822',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true)
  })

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:2800:220:1:248:1893:25c8:1946',
    '2001:4860:4860::8888',
    '2a01:cb00::1',
  ])('lets public %s through', (address) => expect(isForbiddenAddress(address)).toBe(false))
})

describe('checkTarget', () => {
  const publicDns = dns({ 'hooks.partner.example': ['93.184.216.34'] })

  it('accepts an https URL whose host resolves to public addresses only', async () => {
    const { url, addresses } = await checkTarget('https://hooks.partner.example/x', aws, publicDns)
    expect(url.hostname).toBe('hooks.partner.example')
    expect(addresses).toEqual([{ address: '93.184.216.34', family: 4 }])
  })

  it('refuses the metadata service and private networks, however they are spelt', async () => {
    for (const target of [
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/',
      'https://[::1]/',
      'https://0xa9.0xfe.0xa9.0xfe/',
      'https://2852039166/',
      'https://[::ffff:169.254.169.254]/',
      'https://0/',
      'https://127.1/',
    ]) {
      expect(await refusal(checkTarget(target, aws, publicDns))).toBe(notPublic)
    }
  })

  it('refuses a host when any one of its addresses is private, without saying which', async () => {
    const mixed = dns({ 'hooks.partner.example': ['93.184.216.34', '10.0.0.1'] })
    const error = await checkTarget('https://hooks.partner.example/', aws, mixed).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(UnsafeTargetError)
    // The partner reads the reason: no address, no host, the same as an unknown host's.
    expect((error as UnsafeTargetError).reason).toBe(notPublic)
    expect(await refusal(checkTarget('https://nowhere.example/', aws, publicDns))).toBe(notPublic)
    // Our logs get the details.
    expect((error as UnsafeTargetError).detail).toContain('10.0.0.1')
  })

  it('takes ports 443 and 8443 only by default, others by setting', async () => {
    for (const port of ['', ':443', ':8443']) {
      await expect(
        checkTarget(`https://hooks.partner.example${port}/x`, aws, publicDns),
      ).resolves.toBeTruthy()
    }
    for (const port of [':22', ':25', ':80', ':6379', ':8080', ':9443']) {
      expect(
        await refusal(checkTarget(`https://hooks.partner.example${port}/x`, aws, publicDns)),
      ).toMatch(/port 443 or 8443/)
    }
    const custom: TargetPolicy = { ...aws, allowedPorts: [9443] }
    await expect(
      checkTarget('https://hooks.partner.example:9443/x', custom, publicDns),
    ).resolves.toBeTruthy()
    expect(
      await refusal(checkTarget('https://hooks.partner.example/x', custom, publicDns)),
    ).toMatch(/port 9443/)
  })

  it('reads the ports from WEBHOOK_ALLOWED_PORTS, 443 and 8443 when unset', () => {
    expect(targetPolicyFromEnv({}).allowedPorts).toEqual([443, 8443])
    expect(targetPolicyFromEnv({ WEBHOOK_ALLOWED_PORTS: '443, 9443' }).allowedPorts).toEqual([
      443, 9443,
    ])
    expect(() => targetPolicyFromEnv({ WEBHOOK_ALLOWED_PORTS: '443,x' })).toThrow()
  })

  it('refuses plain http in AWS, credentials in the URL, non-web schemes and unknown hosts', async () => {
    expect(await refusal(checkTarget('http://hooks.partner.example/', aws, publicDns))).toMatch(
      /https/,
    )
    expect(
      await refusal(checkTarget('https://user:pw@hooks.partner.example/', aws, publicDns)),
    ).toMatch(/credentials/)
    expect(await refusal(checkTarget('file:///etc/passwd', aws, publicDns))).toMatch(/https/)
    expect(await refusal(checkTarget('https://nowhere.example/', aws, publicDns))).toBe(notPublic)
    expect(await refusal(checkTarget('not a url', aws, publicDns))).toMatch(/not a valid URL/)
  })

  it('lets allowlisted loopback hosts through locally, and nothing else private', async () => {
    const loopback = dns({ localhost: ['127.0.0.1', '::1'] })
    await expect(checkTarget('http://127.0.0.1:8080/x', local, loopback)).resolves.toBeTruthy()
    await expect(checkTarget('http://localhost:8080/x', local, loopback)).resolves.toBeTruthy()
    expect(await refusal(checkTarget('https://169.254.169.254/', local, loopback))).toBe(notPublic)
    expect(await refusal(checkTarget('https://10.0.0.1/', local, loopback))).toBe(notPublic)
  })
})

describe('the webhook sender', () => {
  let guard: ReturnType<typeof connectGuard> | undefined
  afterEach(() => guard?.restore())

  it('refuses 169.254.169.254 and 10.0.0.1 before opening any connection', async () => {
    guard = connectGuard()
    const send = createWebhookSender({ policy: local, timeoutMs: 200 })
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/hooks']) {
      const result = await send({ url, headers: {}, body: '{}' })
      expect(result).toEqual({ kind: 'error', reason: 'refused-target' })
    }
    expect(guard.hosts()).toEqual([])
  })

  it('checks DNS again when it sends: a host rebound to a private address is refused unconnected', async () => {
    guard = connectGuard()
    const rebound = dns({ 'hooks.partner.example': ['10.0.0.1'] })
    const send = createWebhookSender({ policy: aws, lookup: rebound })
    const result = await send({ url: 'https://hooks.partner.example/x', headers: {}, body: '{}' })
    expect(result).toEqual({ kind: 'error', reason: 'refused-target' })
    expect(guard.hosts()).toEqual([])
  })

  it('writes the details of a refusal to our log, never to the delivery log', async () => {
    const warnings: unknown[] = []
    const logger = {
      info: () => {},
      error: () => {},
      warn: (...args: unknown[]) => warnings.push(args),
    }
    const rebound = dns({ 'hooks.partner.example': ['10.0.0.1'] })
    const send = createWebhookSender({ policy: aws, lookup: rebound, logger })
    const result = await send({ url: 'https://hooks.partner.example/x', headers: {}, body: '{}' })
    expect(JSON.stringify(result)).not.toMatch(/10\.0\.0\.1|hooks\.partner/)
    expect(JSON.stringify(warnings)).toContain('10.0.0.1')
  })

  it('posts to an allowlisted loopback receiver, pinned to the address it checked, without following redirects', async () => {
    guard = connectGuard()
    const receiver = await startReceiver(
      (n) => (n === 1 ? 204 : { status: 302, headers: { Location: 'http://169.254.169.254/' } }),
      () => new Date(),
    )
    try {
      const send = createWebhookSender({ policy: local, lookup: dns({ localhost: ['127.0.0.1'] }) })
      const url = receiver.url.replace('127.0.0.1', 'localhost')
      expect(await send({ url, headers: { 'webhook-id': 'msg_1' }, body: '{"a":1}' })).toEqual({
        kind: 'response',
        statusCode: 204,
      })
      expect(await send({ url, headers: {}, body: '{}' })).toEqual({
        kind: 'response',
        statusCode: 302,
      })
      expect(receiver.requests[0]).toMatchObject({
        body: '{"a":1}',
        headers: { 'webhook-id': 'msg_1', 'content-type': 'application/json' },
      })
      expect(receiver.requests).toHaveLength(2)
    } finally {
      await receiver.close()
    }
    expect(new Set(guard.hosts())).toEqual(new Set(['localhost']))
  })

  it('gives up on a receiver that does not answer in time, and reports a refused connection', async () => {
    const receiver = await startReceiver(
      () => 'hang',
      () => new Date(),
    )
    try {
      const send = createWebhookSender({ policy: local, timeoutMs: 150 })
      const started = performance.now()
      expect(await send({ url: receiver.url, headers: {}, body: '{}' })).toEqual({
        kind: 'error',
        reason: 'timeout',
      })
      expect(performance.now() - started).toBeLessThan(2_000)
    } finally {
      await receiver.close()
    }
    const refused = await createWebhookSender({ policy: local })({
      url: receiver.url,
      headers: {},
      body: '{}',
    })
    expect(refused).toEqual({ kind: 'error', reason: 'connection-refused' })
  })
})

describe('POST /subscriptions', () => {
  it('answers an unsafe target with the generic reason: no DNS oracle for partners', async () => {
    const harness = await apiHarness()
    const send = await inProcess().start(harness.app)
    const { apiKey } = await hostileWorld(harness, send)
    for (const url of [
      'https://10.0.0.1/hooks',
      'https://[fec0::1]/hooks',
      'https://no-such-host.invalid/hooks',
    ]) {
      const response = await send('POST', '/subscriptions', {
        headers: { 'X-Api-Key': apiKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ url }),
      })
      expect(response.status).toBe(422)
      expect(response.json()).toMatchObject({
        type: '/problems/unsafe-target',
        detail: `The URL ${notPublic}`,
        // The field at fault and a stable code, for a client to word in its reader's language.
        errors: [{ field: 'url', code: 'not-public', message: `The URL ${notPublic}` }],
      })
    }
    const port = await send('POST', '/subscriptions', {
      headers: { 'X-Api-Key': apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: 'https://hooks.example:22/x' }),
    })
    expect(port.json()).toMatchObject({
      type: '/problems/unsafe-target',
      errors: [{ field: 'url', code: 'port-not-allowed', allowed: ['443', '8443'] }],
    })
  })
})
