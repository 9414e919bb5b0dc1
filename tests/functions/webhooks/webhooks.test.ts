import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { maxAttempts } from '../../../domain/webhooks/retry-schedule.js'
import {
  applicationSubmitted,
  editionOpened,
  partnerJoined,
  startupProfilePublished,
} from '../../fixtures/events.js'
import { dedupe, startReceiver, verifyAsReceived, type ReceivedRequest } from './fixtures.js'
import { append, partnerWorld, type PartnerWorld } from './partner-world.js'

/**
 * Webhooks end to end on DynamoDB Local: events appended with the real event store,
 * indexed by the real indexer, dispatched, and posted to real HTTP receivers on
 * loopback. Retries run on the injected clock; nothing sleeps.
 */
describe('webhook delivery', () => {
  let world: PartnerWorld
  const receivers: Array<{ close(): Promise<void> }> = []
  beforeAll(async () => {
    world = await partnerWorld(['nice-cote-d-azur', 'toulon'])
  })
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()))
  })

  const receiver = async (answer: Parameters<typeof startReceiver>[0], port = 0) => {
    const started = await startReceiver(answer, world.time.clock, port)
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
  const eventsOf = (requests: readonly ReceivedRequest[], secret: string) =>
    requests.map(
      (r) =>
        verifyAsReceived(secret, r) as {
          type: string
          data: {
            streamId: string
            sequence: number
            data: Record<string, unknown>
          }
        },
    )
  /** Three streams, interleaved, with personal data and an application partners never get. */
  const appendStory = async (tag: string) => {
    const edition = `edition-${tag}`
    await append(world.store, edition, editionOpened(tag))
    await append(world.store, `startup-${tag}-a`, startupProfilePublished(`${tag}-a`))
    await append(
      world.store,
      edition,
      partnerJoined('tpm', tag),
      applicationSubmitted(`${tag}-app`, `${tag}-a`, { editionId: tag }),
    )
    await append(world.store, `startup-${tag}-b`, startupProfilePublished(`${tag}-b`))
    await append(world.store, edition, partnerJoined('ccir', tag))
    // Six events, of which partners never receive the application: five deliveries.
    return { total: 5, streams: [edition, `startup-${tag}-a`, `startup-${tag}-b`] }
  }

  it('delivers every event exactly once (by webhook-id), in stream order, signed, to a receiver that fails three times then recovers', async () => {
    const failures: Record<
      number,
      'drop' | number | { status: number; headers: Record<string, string> }
    > = {
      1: 503, // a server error: this stream waits, the others go on
      // Slow down for an hour: the subscription's turn ends.
      2: { status: 429, headers: { 'Retry-After': '3600' } },
      3: 'drop', // took the event in, then the connection dropped before the answer
    }
    const target = await receiver((n) => failures[n] ?? 204)
    const { id, secret } = await subscribe('nice-cote-d-azur', target.url)
    const story = await appendStory('ces-2021')
    expect((await world.propagate()).recorded).toBe(story.total)

    await world.deliverer.run()
    expect(target.requests.map((r) => r.answer)).toEqual([503, 429])
    const pending = (await world.stores.deliveries.log(id, { limit: 10, status: 'pending' }))
      .deliveries
    expect(pending).toHaveLength(story.total)
    const runs = await world.drain([id])
    expect(target.requests[2]?.answer).toBe('dropped')

    const processed = dedupe(target.requests)
    const events = eventsOf(processed, secret)
    expect(events).toHaveLength(story.total)
    expect(new Set(processed.map((r) => r.headers['webhook-id'])).size).toBe(story.total)
    for (const stream of story.streams) {
      const inStream = events.filter((e) => e.data.streamId === stream).map((e) => e.data.sequence)
      expect(inStream).toEqual([...inStream].sort((a, b) => a - b))
    }
    // Numbered among the events partners receive: the withheld application leaves no gap,
    // and no field counts it (no Feed position, no stream version).
    const sequences = events.map((e) => e.data.sequence).sort((a, b) => a - b)
    expect(sequences).toEqual(sequences.map((_, i) => sequences[0]! + i))
    for (const event of events) {
      expect(event.data).not.toHaveProperty('position')
      expect(event.data).not.toHaveProperty('version')
    }
    // Every request, retries included, carried a valid signature; retries kept their webhook-id.
    expect(eventsOf(target.requests, secret)).toHaveLength(target.requests.length)
    expect(target.requests.length).toBeGreaterThan(story.total)
    // The 429 was honoured: its event was retried only after the hour it asked for.
    const throttled = target.requests[1]!
    const retries = target.requests.filter((r) => r.n > 2 && isRetryOf(r, throttled))
    expect(retries.length).toBeGreaterThan(0)
    for (const retry of retries)
      expect(retry.receivedAt.getTime() - throttled.receivedAt.getTime()).toBeGreaterThanOrEqual(
        3_600_000,
      )
    expect(runs).toBeGreaterThan(1)
    const log = (await world.stores.deliveries.log(id, { limit: 50 })).deliveries
    expect(log.map((d) => d.status)).toEqual(Array(story.total).fill('delivered'))
    expect(JSON.stringify(target.requests.map((r) => r.body))).not.toMatch(
      /Inès|ines@calanques|contact/,
    )
  })

  it('dead-letters what a receiver down past the retry budget never took, and a redrive delivers it', async () => {
    const down = await receiver(() => 204)
    const port = down.port
    await down.close() // connection refused from now on
    const { id, secret } = await subscribe('toulon', `http://127.0.0.1:${port}/hooks`, {
      types: ['award.won'],
    })
    await append(world.store, 'edition-ces-2020', {
      type: 'award.won',
      data: {
        awardId: 'award-1',
        editionId: 'ces-2020',
        startupId: 's-1',
        award: 'honoree',
        category: 'Sustainability, Eco-Design & Smart Energy',
      },
    })
    expect((await world.propagate()).recorded).toBeGreaterThanOrEqual(1)
    const started = world.time.clock().getTime()
    await world.drain([id])
    const [dead] = (await world.stores.deliveries.log(id, { limit: 10 })).deliveries
    expect(dead).toMatchObject({
      status: 'dead',
      attempts: maxAttempts,
      lastErrorCode: 'connection-refused',
      lastError: 'The endpoint refused the connection',
    })
    const spent = Date.parse(dead!.deadAt!) - started
    expect(spent).toBeGreaterThan(20 * 3_600_000)
    expect(spent).toBeLessThan(25 * 3_600_000)
    const deadLog = await world.as('toulon')('GET', `/subscriptions/${id}/deliveries?status=dead`)
    expect(deadLog.json().deliveries).toEqual([
      expect.objectContaining({
        status: 'dead',
        attempts: maxAttempts,
        webhookId: dead!.webhookId,
      }),
    ])

    const back = await receiver(() => 204, port)
    const redriven = await world.as('toulon')('POST', `/subscriptions/${id}/redrive`)
    expect(redriven.status).toBe(202)
    expect(redriven.json()).toEqual({ redriven: 1, status: 'active' })
    await world.deliverer.run()
    expect(back.requests).toHaveLength(1)
    const [event] = eventsOf(back.requests, secret)
    expect(event).toMatchObject({ type: 'award.won', data: { data: { awardId: 'award-1' } } })
    expect(back.requests[0]!.headers['webhook-id']).toBe(dead!.webhookId)
    const [delivered] = (await world.stores.deliveries.log(id, { limit: 10 })).deliveries
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 1 })
  })
})

/** Whether `later` is the same message as `earlier` (a retry of it). */
const isRetryOf = (later: ReceivedRequest, earlier: ReceivedRequest) =>
  later.headers['webhook-id'] === earlier.headers['webhook-id']
