import { beforeAll, describe, expect, it } from 'vitest'
import { afterAttempt, newDelivery } from '../../../domain/webhooks/delivery.js'
import type { NewDelivery } from '../../../functions/webhooks/delivery/delivery-item.js'
import { createWebhookStores, type WebhookStores } from '../../../functions/webhooks/services.js'
import { createTestTables, type TestTables } from '../../setup/test-tables.js'

const t0 = new Date('2020-01-07T18:00:00.000Z')
const at = (ms: number) => new Date(t0.getTime() + ms)

const delivery = (
  subscriptionId: string,
  position: number,
  streamId = 'edition-ces-2020',
): NewDelivery => ({
  ...newDelivery(t0.toISOString()),
  subscriptionId,
  partnerId: 'tpm',
  position,
  eventId: `event-${position}`,
  streamId,
  version: position,
  type: 'award.won',
  webhookId: `msg_${position}`,
  createdAt: t0.toISOString(),
  payload: JSON.stringify({ type: 'award.won', position }),
})

describe('the webhook stores', () => {
  let tables: TestTables
  let stores: WebhookStores
  beforeAll(async () => {
    tables = await createTestTables()
    stores = createWebhookStores({ doc: tables.doc, table: tables.names.partners })
  })

  it('records a delivery once, and lets one run claim it for one attempt at a time', async () => {
    expect(await stores.deliveries.record(delivery('s1', 1))).toBe(true)
    expect(await stores.deliveries.record(delivery('s1', 1))).toBe(false)
    const [pending] = (await stores.deliveries.readFrom('s1', 0, 10)).deliveries
    expect(await stores.deliveries.claim(pending!, t0, 60_000)).toBe(
      '{"type":"award.won","position":1}',
    )
    // Another run with the same view gets nothing; after the lease (a dead run) it is due again.
    expect(await stores.deliveries.claim(pending!, t0, 60_000)).toBeUndefined()
    const [claimed] = (await stores.deliveries.readFrom('s1', 0, 10)).deliveries
    expect(claimed).toMatchObject({ attempts: 1, nextAttemptAt: at(60_000).toISOString() })
    expect(await stores.deliveries.claim(claimed!, at(30_000), 60_000)).toBeUndefined()
    expect(await stores.deliveries.claim(claimed!, at(60_000), 60_000)).toBeDefined()
    // The first run's result is refused: its claim no longer holds.
    const late = afterAttempt(
      pending!,
      { kind: 'success', statusCode: 200 },
      { now: at(61_000).toISOString(), random: 0.5 },
    )
    expect(await stores.deliveries.settle(pending!, late)).toBe(false)
  })

  it('pages the delivery log newest first, lists dead letters and redrives them', async () => {
    for (let position = 1; position <= 5; position += 1)
      await stores.deliveries.record(delivery('s2', position))
    const dead = (await stores.deliveries.readFrom('s2', 0, 10)).deliveries.slice(1, 3)
    for (const d of dead) {
      await stores.deliveries.claim(d, t0, 60_000)
      await stores.deliveries.settle(
        d,
        afterAttempt(
          d,
          { kind: 'permanent', statusCode: 400, reason: 'http-error' },
          { now: t0.toISOString(), random: 0.5 },
        ),
      )
    }
    const first = await stores.deliveries.log('s2', { limit: 2 })
    expect(first.deliveries.map((d) => d.position)).toEqual([5, 4])
    const second = await stores.deliveries.log('s2', { limit: 2, before: first.next })
    expect(second.deliveries.map((d) => d.position)).toEqual([3, 2])
    const third = await stores.deliveries.log('s2', { limit: 2, before: second.next })
    expect(third.deliveries.map((d) => d.position)).toEqual([1])
    expect(third.next).toBeUndefined()
    expect(
      (await stores.deliveries.log('s2', { limit: 10, status: 'dead' })).deliveries.map(
        (d) => d.position,
      ),
    ).toEqual([3, 2])

    const letters = await stores.deliveries.deadLetters('s2')
    expect(letters.map((d) => d.position).sort()).toEqual([2, 3])
    for (const letter of letters)
      expect(await stores.deliveries.redrive(letter, at(1_000))).toBe(true)
    expect(await stores.deliveries.deadLetters('s2')).toEqual([])
    expect(await stores.deliveries.redrive(letters[0]!, at(1_000))).toBe(false)
    const redriven = (await stores.deliveries.readFrom('s2', 2, 1)).deliveries[0]
    expect(redriven).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at(1_000).toISOString(),
      lastStatusCode: 400,
    })
  })

  it('rotates a signing secret: the old one signs until the overlap ends, then is dropped', async () => {
    const created = await stores.subscriptions.create({
      id: 'sub-rotate',
      partnerId: 'tpm',
      url: 'https://93.184.216.34/',
      filter: {},
      secret: 'whsec_b2xk',
      startsAfter: 0,
      createdBy: 'k',
      now: t0,
    })
    expect(created.secrets).toEqual([{ secret: 'whsec_b2xk', createdAt: t0.toISOString() }])
    const once = await stores.subscriptions.rotateSecret('sub-rotate', 'whsec_bmV3', t0, 3_600_000)
    expect(once?.secrets.map((s) => [s.secret, s.notAfter])).toEqual([
      ['whsec_bmV3', undefined],
      ['whsec_b2xk', at(3_600_000).toISOString()],
    ])
    const twice = await stores.subscriptions.rotateSecret(
      'sub-rotate',
      'whsec_bmV3ZXI=',
      at(3_600_000),
      0,
    )
    expect(twice?.secrets.map((s) => s.secret)).toEqual(['whsec_bmV3ZXI='])
  })
})
