import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { claimReplay, defaultReplayQuota } from '../../../domain/webhooks/replay-quota.js'
import { partnerJoined } from '../../fixtures/events.js'
import { startReceiver } from './fixtures.js'
import { append, partnerWorld, type PartnerWorld } from './partner-world.js'

/**
 * A replay re-creates up to 10,000 deliveries; repeated without limit, it makes the
 * deliverer post the same history over and over (issue 20, point 5). One at a time per
 * subscription and five a UTC day; beyond, 429 problem+json with Retry-After, and nothing
 * changes.
 */
describe('replays, limited per subscription', () => {
  const partner = 'nice-cote-d-azur'
  let world: PartnerWorld
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let id = ''
  beforeAll(async () => {
    world = await partnerWorld([partner])
    receiver = await startReceiver(() => 204, world.time.clock)
    const created = await world.as(partner)('POST', '/subscriptions', { url: receiver.url })
    id = created.json<{ id: string }>().id
    await append(
      world.store,
      'edition-ces-2020',
      partnerJoined('joiner-1'),
      partnerJoined('joiner-2'),
    )
    await world.propagate()
    await world.drain([id])
  })
  afterAll(() => receiver.close())

  const replay = () =>
    world.as(partner)('POST', `/subscriptions/${id}/replay`, { afterSequence: 0 })
  const deliveries = async () => (await world.stores.deliveries.log(id, { limit: 200 })).deliveries

  it('allows five a day, then answers 429 with Retry-After until the next UTC day, changing nothing', async () => {
    // The tests' clock stands at 2019-09-01T10:00:00Z: 14 hours to midnight.
    for (let i = 0; i < defaultReplayQuota.perDay; i++) expect((await replay()).status).toBe(202)
    const before = await deliveries()
    const refused = await replay()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(refused.headers.get('retry-after')).toBe(String(14 * 3_600))
    expect(refused.json()).toMatchObject({
      type: '/problems/replay-limited',
      status: 429,
      retryAfter: 14 * 3_600,
    })
    expect(await deliveries()).toEqual(before)
    // Staff are held to the same count.
    expect(
      (await world.api.admin('POST', `/subscriptions/${id}/replay`, { afterSequence: 0 })).status,
    ).toBe(429)

    world.time.set(new Date('2019-09-02T00:00:00Z'))
    expect((await replay()).status).toBe(202)
  })

  it('runs one at a time: while one holds the subscription another is refused, until its lease ends', async () => {
    const seen = await world.stores.subscriptions.get(id)
    if (!seen) throw new Error('no subscription')
    // A replay running elsewhere (another API instance) holds the subscription now.
    const claim = claimReplay(seen, world.time.clock().toISOString())
    if (!claim.granted) throw new Error('the claim was refused')
    expect(await world.stores.subscriptions.startReplay(seen, claim.marks)).toBe(true)
    // The same read cannot take it a second time: a racing claim loses.
    expect(await world.stores.subscriptions.startReplay(seen, claim.marks)).toBe(false)

    const busy = await replay()
    expect(busy.status).toBe(429)
    expect(busy.json()).toMatchObject({
      type: '/problems/replay-limited',
      detail: expect.stringMatching(/in progress/),
    })
    expect(Number(busy.headers.get('retry-after'))).toBe(defaultReplayQuota.leaseMs / 1_000)

    // Cut short by a crash, it frees the subscription when its lease ends.
    world.time.set(new Date(Date.parse(claim.marks.replayLeaseUntil)))
    expect((await replay()).status).toBe(202)
    // A finished replay frees it at once.
    expect((await replay()).status).toBe(202)
  })
})
