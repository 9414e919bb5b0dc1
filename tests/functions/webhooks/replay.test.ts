import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { goneReason } from '../../../domain/webhooks/health.js'
import type { FeedReader } from '../../../functions/feed/feed.js'
import { createDynamoEventStore } from '../../../functions/store/dynamo-event-store.js'
import type { EventStore } from '../../../functions/store/event-store.js'
import {
  maxReplayPositions,
  replaySubscription,
  ReplayTooLargeError,
} from '../../../functions/webhooks/subscriptions/replay.js'
import type { WebhookStores } from '../../../functions/webhooks/services.js'
import { partnerJoined, startupProfilePublished } from '../../fixtures/events.js'
import { testVault } from '../../setup/test-vault.js'
import { dedupe, startReceiver, verifyAsReceived, type ReceivedRequest } from './fixtures.js'
import { append, partnerWorld, type PartnerWorld } from './partner-world.js'

interface Received {
  type: string
  data: { position: number; streamId: string; version: number }
  replay?: { replayId: string; originalWebhookId: string }
}

/**
 * Recovery for partners, end to end on DynamoDB Local: a receiver that answers `410 Gone`
 * disables its subscription at once; a replay from a Feed position (or a time) re-creates
 * the deliveries of every matching event since, with new webhook ids marked as replays.
 */
describe('replaying a subscription', () => {
  let world: PartnerWorld
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let gone = false
  beforeAll(async () => {
    world = await partnerWorld(['nice-cote-d-azur'])
    receiver = await startReceiver(() => (gone ? 410 : 204), world.time.clock)
  })
  afterAll(() => receiver.close())

  const nice = () => world.as('nice-cote-d-azur')
  const received = (requests: readonly ReceivedRequest[], secret: string) =>
    requests.map((r) => verifyAsReceived(secret, r) as Received)
  /** Three streams of one edition, interleaved. */
  const story = async (tag: string, store: EventStore = world.store) => {
    const edition = 'edition-ces-2020'
    await append(store, `startup-${tag}-a`, startupProfilePublished(`${tag}-a`))
    await append(store, edition, partnerJoined(`${tag}-p0`))
    await append(store, `startup-${tag}-b`, startupProfilePublished(`${tag}-b`))
    await append(store, edition, partnerJoined(`${tag}-p`))
    await append(store, `startup-${tag}-a`, startupProfilePublished(`${tag}-a2`))
    await world.propagate()
  }

  it('a 410 Gone disables the subscription at once; a replay from P then delivers every event after P once, in order per stream', async () => {
    // Prepare: a subscription that took a first story.
    const created = await nice()('POST', '/subscriptions', { url: receiver.url })
    const { id, secret } = created.json<{ id: string; secret: string }>()
    await story('a')
    await world.drain([id])
    const before = received(dedupe(receiver.requests), secret)
    expect(before).toHaveLength(5)
    const p = before[2]!.data.position

    // The receiver is gone: the first answer disables the subscription, nothing more is tried.
    gone = true
    await story('b')
    const tried = receiver.requests.length
    const run = await world.deliverer.run()
    expect(run).toMatchObject({ dead: 1, disabled: 1 })
    expect(receiver.requests.length - tried).toBe(1)
    const disabled = (await nice()('GET', `/subscriptions/${id}`)).json()
    expect(disabled).toMatchObject({ status: 'disabled', disabledReason: goneReason })
    await story('c') // recorded while disabled, not sent
    await world.deliverer.run()
    expect(receiver.requests.length - tried).toBe(1)

    // Act: the receiver is back, and the partner replays from the last event it processed.
    gone = false
    const replayedAt = receiver.requests.length
    const replay = await nice()('POST', `/subscriptions/${id}/replay`, { afterPosition: p })
    expect(replay.status).toBe(202)
    const outcome = replay.json<{ replayId: string; toPosition: number; replayed: number }>()
    expect(outcome.toPosition).toBe(await world.feed.head())
    expect(outcome.replayed).toBe(outcome.toPosition - p) // no filter: every event matches
    expect((await nice()('GET', `/subscriptions/${id}`)).json()).toMatchObject({ status: 'active' })
    await world.drain([id])

    // Assess: once each (by webhook-id), every event after P, none before, in stream order.
    const after = dedupe(receiver.requests.slice(replayedAt))
    const events = received(after, secret)
    const positions = events.map((e) => e.data.position).sort((a, b) => a - b)
    const expected = Array.from({ length: outcome.toPosition - p }, (_, i) => p + 1 + i)
    expect(positions).toEqual(expected)
    for (const event of events) expect(event.replay?.replayId).toBe(outcome.replayId)
    const firstIds = new Set(
      receiver.requests.slice(0, replayedAt).map((r) => r.headers['webhook-id']),
    )
    for (const request of after) expect(firstIds.has(request.headers['webhook-id'])).toBe(false)
    for (const stream of new Set(events.map((e) => e.data.streamId))) {
      const versions = events.filter((e) => e.data.streamId === stream).map((e) => e.data.version)
      expect(versions).toEqual([...versions].sort((a, b) => a - b))
    }
    // The log shows the replayed deliveries, all delivered.
    const log = (await nice()('GET', `/subscriptions/${id}/deliveries?limit=200`)).json()
    const replayed = log.deliveries.filter(
      (d: { replayId?: string }) => d.replayId === outcome.replayId,
    )
    expect(replayed).toHaveLength(expected.length)
    for (const d of replayed) expect(d.status).toBe('delivered')

    // Later events go out as usual again, without a replay mark.
    const sent = receiver.requests.length
    await story('d')
    await world.drain([id])
    const fresh = received(receiver.requests.slice(sent), secret)
    expect(fresh).toHaveLength(5)
    for (const event of fresh) expect(event.replay).toBeUndefined()
    await nice()('DELETE', `/subscriptions/${id}`)
  })

  it('replays from a time: the events recorded since then', async () => {
    const created = await nice()('POST', '/subscriptions', {
      url: receiver.url,
      types: ['partner.joined'],
    })
    const { id, secret } = created.json<{ id: string; secret: string }>()
    // Events recorded on the test's clock, set past the wall clock that the harness's
    // store recorded the earlier events with.
    const { doc, names } = world.harness.tables
    const store = createDynamoEventStore({
      doc,
      tables: names,
      now: world.time.clock,
      personalData: testVault({ doc, names }),
    })
    world.time.set(new Date(Date.now() + 86_400_000))
    await story('e', store)
    world.time.advance(3_600_000)
    const since = world.time.clock().toISOString()
    world.time.advance(60_000)
    await story('f', store)
    await world.drain([id])
    const sent = receiver.requests.length

    const replay = await nice()('POST', `/subscriptions/${id}/replay`, { since })
    expect(replay.status).toBe(202)
    await world.drain([id])
    const events = received(dedupe(receiver.requests.slice(sent)), secret)
    expect(events.map((e) => [e.type, e.data.streamId])).toEqual([
      ['partner.joined', 'edition-ces-2020'],
      ['partner.joined', 'edition-ces-2020'],
    ])
    expect(replay.json().replayed).toBe(2)
  })

  it('refuses a body with both or neither starting point', async () => {
    const created = await nice()('POST', '/subscriptions', { url: receiver.url })
    const { id } = created.json<{ id: string }>()
    expect((await nice()('POST', `/subscriptions/${id}/replay`, {})).status).toBe(400)
    const both = { afterPosition: 1, since: '2019-09-01T00:00:00Z' }
    expect((await nice()('POST', `/subscriptions/${id}/replay`, both)).status).toBe(400)
    expect((await nice()('POST', '/subscriptions/nope/replay', { afterPosition: 1 })).status).toBe(
      404,
    )
  })
})

describe('a replay too large', () => {
  it('is refused before anything is disabled or written', async () => {
    const untouched = () => {
      throw new Error('nothing may be written')
    }
    const stores = {
      checkpoints: { read: async () => maxReplayPositions + 50, commit: untouched },
      subscriptions: { disable: untouched, reactivate: untouched },
      deliveries: { replace: untouched },
    } as unknown as Pick<WebhookStores, 'subscriptions' | 'deliveries' | 'checkpoints'>
    const feed: FeedReader = { read: untouched, head: untouched }
    const request = {
      subscription: { id: 's', partnerId: 'p', filter: {} },
      from: { afterPosition: 10 },
      replayId: 'rpl_1',
      now: new Date(),
    }
    await expect(replaySubscription(stores, feed, request)).rejects.toThrow(ReplayTooLargeError)
  })
})
