import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { goneReason } from '../../../domain/webhooks/health.js'
import type { FeedEvent } from '../../../domain/projections/projection.js'
import type { PartnerFeedReader } from '../../../functions/feed/feed.js'
import { createDynamoEventStore } from '../../../functions/store/dynamo-event-store.js'
import type { EventStore } from '../../../functions/store/event-store.js'
import {
  maxReplayEvents,
  replaySubscription,
  ReplayTooLargeError,
} from '../../../functions/webhooks/subscriptions/replay.js'
import type { WebhookStores } from '../../../functions/webhooks/services.js'
import {
  applicationSubmitted,
  partnerJoined,
  startupProfilePublished,
  startupRegistered,
} from '../../fixtures/events.js'
import { testVault } from '../../setup/test-vault.js'
import { dedupe, startReceiver, verifyAsReceived, type ReceivedRequest } from './fixtures.js'
import { append, partnerWorld, type PartnerWorld } from './partner-world.js'

interface Received {
  type: string
  data: { sequence: number; streamId: string }
  replay?: { replayId: string; originalWebhookId: string }
}

/**
 * Recovery for partners, end to end on DynamoDB Local: a receiver that answers `410 Gone`
 * disables its subscription at once; a replay after a sequence (or from a time) re-creates
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
  /** Three streams of one edition, interleaved, with events partners never receive between. */
  const story = async (tag: string, store: EventStore = world.store) => {
    const edition = 'edition-ces-2020'
    await append(store, `startup-${tag}-a`, startupRegistered(`${tag}-a`))
    await append(store, `startup-${tag}-a`, startupProfilePublished(`${tag}-a`))
    await append(store, `application-${tag}`, applicationSubmitted(tag, `${tag}-a`))
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
    const p = before[2]!.data.sequence

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
    const replay = await nice()('POST', `/subscriptions/${id}/replay`, { afterSequence: p })
    expect(replay.status).toBe(202)
    const outcome = replay.json<{ replayId: string; toSequence: number; replayed: number }>()
    expect(Object.keys(outcome).sort()).toEqual(['afterSequence', 'replayId', 'replayed', 'toSequence'])
    // Up to the newest event partners receive (the dispatcher has seen them all).
    expect(outcome.toSequence).toBe((await world.feed.readShared({ after: 0, limit: 10_000 })).length)
    expect(outcome.replayed).toBe(outcome.toSequence - p) // no filter: every event matches
    expect((await nice()('GET', `/subscriptions/${id}`)).json()).toMatchObject({ status: 'active' })
    await world.drain([id])

    // Assess: once each (by webhook-id), every event after P, none before, in stream order.
    const after = dedupe(receiver.requests.slice(replayedAt))
    const events = received(after, secret)
    const sequences = events.map((e) => e.data.sequence).sort((a, b) => a - b)
    const expected = Array.from({ length: outcome.toSequence - p }, (_, i) => p + 1 + i)
    expect(sequences).toEqual(expected)
    for (const event of events) expect(event.replay?.replayId).toBe(outcome.replayId)
    const firstIds = new Set(
      receiver.requests.slice(0, replayedAt).map((r) => r.headers['webhook-id']),
    )
    for (const request of after) expect(firstIds.has(request.headers['webhook-id'])).toBe(false)
    for (const stream of new Set(events.map((e) => e.data.streamId))) {
      const inStream = events.filter((e) => e.data.streamId === stream).map((e) => e.data.sequence)
      expect(inStream).toEqual([...inStream].sort((a, b) => a - b))
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
    const both = { afterSequence: 1, since: '2019-09-01T00:00:00Z' }
    expect((await nice()('POST', `/subscriptions/${id}/replay`, both)).status).toBe(400)
    expect((await nice()('POST', '/subscriptions/nope/replay', { afterSequence: 1 })).status).toBe(
      404,
    )
    // The old field is refused, not ignored: positions are nothing a partner knows.
    expect((await nice()('POST', `/subscriptions/${id}/replay`, { afterPosition: 1 })).status).toBe(400)
    // After a sequence no event has: refused, naming the sequence and no position.
    const unknown = await nice()('POST', `/subscriptions/${id}/replay`, { afterSequence: 999_999 })
    expect(unknown.status).toBe(422)
    expect(unknown.json()).toMatchObject({ type: '/problems/unknown-sequence' })
    expect(unknown.text).not.toMatch(/position/i)
  })
})

describe('a replay too large', () => {
  it('is refused before anything is disabled or written, counted in events, naming no position', async () => {
    const untouched = () => {
      throw new Error('nothing may be written')
    }
    const stores = {
      // Sequence n at position 2n: half the Feed is withheld from partners.
      checkpoints: { read: async () => 2 * maxReplayEvents + 50, commit: untouched },
      subscriptions: { disable: untouched, reactivate: untouched, startReplay: untouched },
      deliveries: { replace: untouched },
    } as unknown as Pick<WebhookStores, 'subscriptions' | 'deliveries' | 'checkpoints'>
    const atSequence = async (sequence: number) =>
      ({ sequence, position: 2 * sequence }) as FeedEvent
    const feed: PartnerFeedReader = { read: untouched, head: untouched, readShared: untouched, readSharedBackwards: untouched, atSequence }
    const request = {
      subscription: { id: 's', partnerId: 'p', filter: {} },
      from: { afterSequence: 10 },
      replayId: 'rpl_1',
      now: new Date(),
    }
    const refusal = replaySubscription(stores, feed, request)
    await expect(refusal).rejects.toThrow(ReplayTooLargeError)
    await expect(refusal).rejects.toThrow(
      `A replay after sequence 10 would cover more than ${maxReplayEvents} events`)
    // Fewer events than the limit, however many positions they span: replayed.
    const fewer = { ...request, from: { afterSequence: 30 } }
    await expect(replaySubscription(stores, feed, fewer)).rejects.toThrow('nothing may be written')
  })
})
