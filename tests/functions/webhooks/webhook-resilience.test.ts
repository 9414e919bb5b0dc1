import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { awardWon, partnerJoined } from '../../fixtures/events.js'
import { startReceiver, verifyAsReceived } from './fixtures.js'
import { append, partnerWorld, type PartnerWorld } from './partner-world.js'

/** How subscriptions fail, recover, rotate secrets and stop, on the injected clock. */
describe('webhook subscriptions under stress', () => {
  let world: PartnerWorld
  const receivers: Array<{ close(): Promise<void> }> = []
  beforeAll(async () => {
    world = await partnerWorld(['metropole-aix-marseille', 'cci-paca', 'sophia'], {
      timeoutMs: 300,
    })
  })
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()))
  })
  const receiver = async (answer: Parameters<typeof startReceiver>[0]) => {
    const started = await startReceiver(answer, world.time.clock)
    receivers.push(started)
    return started
  }
  const subscribe = async (
    partnerId: string,
    url: string,
    filter: Record<string, unknown> = {},
  ) => {
    const response = await world.as(partnerId)('POST', '/subscriptions', { url, ...filter })
    expect(response.status).toBe(201)
    return response.json<{ id: string; secret: string }>()
  }

  it("does not let one partner's hanging endpoint hold up another's deliveries", async () => {
    const slow = await receiver(() => 'hang')
    const fast = await receiver(() => 204)
    const hanging = await subscribe('metropole-aix-marseille', slow.url, {
      types: ['award.won'],
      editionId: 'ces-2020',
    })
    const healthy = await subscribe('cci-paca', fast.url, {
      types: ['award.won'],
      editionId: 'ces-2020',
    })
    await append(world.store, 'edition-ces-2020', awardWon('a-1'), awardWon('a-2'), awardWon('a-3'))
    await world.propagate()

    const started = performance.now()
    const summary = await world.deliverer.run()
    expect(performance.now() - started).toBeLessThan(3_000)
    expect(summary).toMatchObject({ delivered: 3, failed: 1 })
    expect(fast.requests).toHaveLength(3)
    // One timeout ended the hanging endpoint's turn: the other two were not even tried.
    expect(slow.requests).toHaveLength(1)
    const log = (await world.stores.deliveries.log(hanging.id, { limit: 10 })).deliveries
    expect(log.map((d) => d.status)).toEqual(['pending', 'pending', 'pending'])
    expect(log.at(-1)).toMatchObject({
      attempts: 1,
      lastErrorCode: 'timeout',
      lastError: 'The endpoint did not answer in time',
    })
    await world.as('metropole-aix-marseille')('DELETE', `/subscriptions/${hanging.id}`)
    expect((await world.as('cci-paca')('DELETE', `/subscriptions/${healthy.id}`)).status).toBe(204)
  })

  it('keeps a stream in order while a later stream goes on past a failing event', async () => {
    const rejectFirst = new Set<string>()
    const target = await receiver((_, body) => {
      const { data } = JSON.parse(body) as { data: { streamId: string; version: number } }
      // The first post of each edition-ces-2019 event fails once.
      const key = `${data.streamId}@${data.version}`
      if (data.streamId === 'edition-ces-2019' && !rejectFirst.has(key)) {
        rejectFirst.add(key)
        return 500
      }
      return 204
    })
    const { id } = await subscribe('sophia', target.url, { types: ['award.won'] })
    await append(world.store, 'edition-ces-2019', awardWon('b-1', 'ces-2019'))
    await append(world.store, 'edition-ces-2018', awardWon('c-1', 'ces-2018'))
    await append(world.store, 'edition-ces-2019', awardWon('b-2', 'ces-2019'))
    await append(world.store, 'edition-ces-2018', awardWon('c-2', 'ces-2018'))
    await world.propagate()

    await world.deliverer.run()
    const firstRun = target.requests.map((r) => JSON.parse(r.body).data.data.awardId)
    // b-1 failed, so b-2 waited; the other edition's stream was not held up.
    expect(firstRun.sort()).toEqual(['b-1', 'c-1', 'c-2'])
    expect(target.requests.find((r) => r.body.includes('"b-1"'))?.answer).toBe(500)
    await world.drain([id])
    const delivered = target.requests
      .filter((r) => r.answer === 204)
      .map((r) => JSON.parse(r.body).data.data.awardId)
    expect(delivered.filter((a: string) => a.startsWith('c'))).toEqual(['c-1', 'c-2'])
    expect(delivered.slice(2)).toEqual(['b-1', 'b-2'])
    expect(await world.as('sophia')('DELETE', `/subscriptions/${id}`)).toMatchObject({
      status: 204,
    })
  })

  it('disables a subscription after five dead letters in a row, shows staff why, and a redrive revives it', async () => {
    // 404 is permanent: each delivery is dead at once (a 410 would disable at the first).
    let refusing = true
    const target = await receiver(() => (refusing ? 404 : 204))
    const { id } = await subscribe('cci-paca', target.url, {
      types: ['partner.joined'],
      editionId: 'ces-2017',
    })
    await append(
      world.store,
      'edition-ces-2017',
      ...['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((p) => partnerJoined(p, 'ces-2017')),
    )
    await world.propagate()

    await world.deliverer.run()
    expect(target.requests).toHaveLength(5) // the fifth dead letter disables it
    const staff = (await world.api.admin('GET', '/subscriptions')).json().subscriptions
    expect(staff.find((s: { id: string }) => s.id === id)).toMatchObject({
      status: 'disabled',
      partnerId: 'cci-paca',
      disabledReason: '5 deliveries in a row were dead-lettered',
      consecutiveDeadLetters: 5,
    })
    world.time.advance(3_600_000)
    await world.deliverer.run()
    expect(target.requests).toHaveLength(5) // nothing is sent to a disabled subscription

    refusing = false
    const redrive = await world.api.admin('POST', `/subscriptions/${id}/redrive`)
    expect(redrive.json()).toEqual({ redriven: 5, status: 'active' })
    await world.drain([id])
    expect(target.requests.slice(5).map((r) => r.answer)).toEqual([204, 204, 204, 204, 204, 204])
    const after = (await world.as('cci-paca')('GET', `/subscriptions/${id}`)).json()
    expect(after).toMatchObject({ status: 'active', consecutiveDeadLetters: 0 })
    expect(after).not.toHaveProperty('disabledReason')
  })

  it('signs with both secrets during a rotation overlap, then with the new one only', async () => {
    const target = await receiver(() => 204)
    const { id, secret: old } = await subscribe('sophia', target.url, {
      types: ['award.won'],
      editionId: 'ces-2016',
    })
    const rotated = await world.as('sophia')('POST', `/subscriptions/${id}/secret-rotation`, {
      overlapSeconds: 3_600,
    })
    expect(rotated.status).toBe(201)
    const { secret: fresh, previousSecretsUntil } = rotated.json()
    expect(fresh).toMatch(/^whsec_/)
    expect(Date.parse(previousSecretsUntil) - world.time.clock().getTime()).toBe(3_600_000)

    await append(world.store, 'edition-ces-2016', awardWon('d-1', 'ces-2016'))
    await world.propagate()
    await world.deliverer.run()
    const [during] = target.requests
    expect(String(during!.headers['webhook-signature']).split(' ')).toHaveLength(2)
    expect(verifyAsReceived(old, during!)).toMatchObject({ type: 'award.won' })
    expect(verifyAsReceived(fresh, during!)).toMatchObject({ type: 'award.won' })

    world.time.advance(3_600_001)
    await append(world.store, 'edition-ces-2016', awardWon('d-2', 'ces-2016'))
    await world.propagate()
    await world.deliverer.run()
    const [, after] = target.requests
    expect(String(after!.headers['webhook-signature']).split(' ')).toHaveLength(1)
    expect(verifyAsReceived(fresh, after!)).toMatchObject({ data: { data: { awardId: 'd-2' } } })
    expect(() => verifyAsReceived(old, after!)).toThrow(/signature/i)
  })

  it('sends nothing more once a subscription is deleted', async () => {
    const target = await receiver(() => 204)
    const { id } = await subscribe('sophia', target.url, {
      types: ['award.won'],
      editionId: 'ces-2015',
    })
    expect((await world.as('sophia')('DELETE', `/subscriptions/${id}`)).status).toBe(204)
    await append(world.store, 'edition-ces-2015', awardWon('e-1', 'ces-2015'))
    await world.propagate()
    await world.deliverer.run()
    expect(target.requests).toHaveLength(0)
    expect((await world.as('sophia')('GET', `/subscriptions/${id}`)).status).toBe(404)
  })
})
