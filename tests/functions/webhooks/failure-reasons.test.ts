import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { failureReasons } from '../../../domain/webhooks/delivery.js'
import { createWebhookSender, reasonOf } from '../../../functions/webhooks/delivery/http-sender.js'
import { deliveryKey } from '../../../functions/shared/partners-table.js'
import { partnerJoined } from '../../fixtures/events.js'
import { startReceiver } from './fixtures.js'
import { append, localPolicy, partnerWorld, type PartnerWorld } from './partner-world.js'

interface LoggedDelivery {
  readonly sequence: number
  readonly lastErrorCode?: string
  readonly lastError?: string
}

/**
 * The delivery log tells a partner why a post failed with a reason code and a short message
 * of ours, never the network stack's or OpenSSL's own text, which names addresses, hosts,
 * certificates and our internals (issue 20, point 6). That text goes to our log only.
 */
describe('why a delivery failed, as the delivery log says it', () => {
  const partner = 'nice-cote-d-azur'
  let world: PartnerWorld
  let plain: Awaited<ReturnType<typeof startReceiver>>
  beforeAll(async () => {
    world = await partnerWorld([partner])
    plain = await startReceiver(() => 204, world.time.clock)
  })
  afterAll(() => plain.close())

  /** Speaking TLS to an endpoint that speaks plain HTTP: OpenSSL's "wrong version number". */
  const tlsToPlain = () => plain.url.replace('http://', 'https://')

  it('names a failed TLS handshake by its code; OpenSSL’s text goes to our log only', async () => {
    const warnings: unknown[] = []
    const logger = {
      info: () => {},
      error: () => {},
      warn: (...args: unknown[]) => warnings.push(args),
    }
    const send = createWebhookSender({ policy: localPolicy, logger })
    expect(await send({ url: tlsToPlain(), headers: {}, body: '{}' })).toEqual({
      kind: 'error',
      reason: 'tls-failure',
    })
    expect(JSON.stringify(warnings)).toMatch(/SSL|TLS|EPROTO|wrong version/i)
  })

  it('shows partners the code and our message in the delivery log, nothing of the raw error', async () => {
    const created = await world.as(partner)('POST', '/subscriptions', { url: tlsToPlain() })
    expect(created.status).toBe(201)
    const { id } = created.json<{ id: string }>()
    await append(world.store, 'edition-ces-2020', partnerJoined('joiner-1'))
    await world.propagate()
    expect(await world.deliverer.run()).toMatchObject({ failed: 1 })

    const log = await world.as(partner)('GET', `/subscriptions/${id}/deliveries`)
    const [delivery] = log.json<{ deliveries: LoggedDelivery[] }>().deliveries
    expect(delivery).toMatchObject({
      lastErrorCode: 'tls-failure',
      lastError: failureReasons['tls-failure'],
    })
    expect(log.text).not.toMatch(/SSL|routines|EPROTO|ssl3|wrong version|127\.0\.0\.1:\d/i)

    // A delivery recorded before failures had codes kept the raw text: it is shown as the
    // code it amounts to, with our message, never that text.
    const { doc, names } = world.harness.tables
    const [stored] = (await world.stores.deliveries.log(id, { limit: 1 })).deliveries
    await doc.send(
      new UpdateCommand({
        TableName: names.partners,
        Key: deliveryKey(id, stored?.position ?? 0),
        UpdateExpression: 'SET lastError = :raw REMOVE lastErrorCode',
        ExpressionAttributeValues: {
          ':raw':
            'write EPROTO 40A7E2F1:error:0A00010B:SSL routines:ssl3_get_record:wrong version number at 10.1.2.3',
        },
      }),
    )
    const legacy = await world.as(partner)('GET', `/subscriptions/${id}/deliveries`)
    expect(legacy.json<{ deliveries: LoggedDelivery[] }>().deliveries[0]).toMatchObject({
      lastErrorCode: 'network-error',
      lastError: failureReasons['network-error'],
    })
    expect(legacy.text).not.toMatch(/SSL|EPROTO|10\.1\.2\.3/)
  })

  it('maps the network stack’s error codes to a handful of reasons', () => {
    const coded = (code: string, message = `boom ${code} 10.0.0.7:443`) =>
      Object.assign(new Error(message), { code })
    expect(reasonOf(coded('ECONNREFUSED'))).toBe('connection-refused')
    expect(reasonOf(coded('ECONNRESET'))).toBe('connection-reset')
    expect(reasonOf(coded('ENOTFOUND'))).toBe('dns-failure')
    expect(reasonOf(coded('DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe('tls-failure')
    expect(reasonOf(coded('ERR_TLS_CERT_ALTNAME_INVALID'))).toBe('tls-failure')
    expect(reasonOf(coded('CERT_HAS_EXPIRED'))).toBe('tls-failure')
    expect(reasonOf(Object.assign(new Error('aborted'), { name: 'TimeoutError' }))).toBe('timeout')
    expect(reasonOf(coded('EHOSTUNREACH'))).toBe('network-error')
    expect(reasonOf('a string thrown')).toBe('network-error')
  })
})
