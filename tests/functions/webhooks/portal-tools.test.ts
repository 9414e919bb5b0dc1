import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { attemptsKept } from '../../../domain/webhooks/attempts.js'
import { sequenceCursor } from '../../../functions/shared/cursor.js'
import { testEventType } from '../../../domain/webhooks/test-event.js'
import { applicationSubmitted, partnerJoined, startupRegistered } from '../../fixtures/events.js'
import { dedupe, startReceiver, verifyAsReceived, type Answer } from './fixtures.js'
import { append, partnerWorld, type PartnerWorld } from './partner-world.js'

interface Received {
  type: string
  data: { sequence: number; streamId: string; subscriptionId?: string; testId?: string }
  replay?: { replayId: string }
}

/**
 * What the partners' portal does to a subscription, through the API with a partner's
 * user's token, end to end on DynamoDB Local with real receivers on loopback: a signed
 * test event, each attempt in the log with its latency, the failed filter, pause and
 * resume, a replay previewed and then sent as previewed.
 */
describe('the portal’s subscription tools', () => {
  let world: PartnerWorld
  // Each test its own receiver and subscriptions: none hears another test's events.
  let answer: (n: number) => Answer
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  const created: string[] = []
  beforeAll(async () => {
    world = await partnerWorld(['nice-cote-d-azur'])
  })
  beforeEach(async () => {
    answer = () => 204
    receiver = await startReceiver((n) => answer(n), world.time.clock)
  })
  afterEach(async () => {
    for (const id of created.splice(0)) await user()('DELETE', `/subscriptions/${id}`)
    await receiver.close()
  })

  const user = () => world.asUser('nice-cote-d-azur')
  const subscribe = async (body: Record<string, unknown> = {}) => {
    const response = await user()('POST', '/subscriptions', { url: receiver.url, ...body })
    expect(response.status).toBe(201)
    const subscription = response.json<{ id: string; secret: string; partnerId: string }>()
    created.push(subscription.id)
    return subscription
  }
  /** `count` partners join, each after a start-up's registration and application (withheld). */
  const joins = async (tag: string, count: number) => {
    for (let i = 0; i < count; i++) {
      await append(world.store, `startup-${tag}-${i}`, startupRegistered(`${tag}-${i}`))
      await append(world.store, `application-${tag}-${i}`, applicationSubmitted(`${tag}-${i}`, `${tag}-${i}`))
      await append(world.store, 'edition-ces-2020', partnerJoined(`${tag}-${i}`))
    }
    await world.propagate()
  }
  /** The sequence of the newest event partners receive. */
  const newestSequence = async () =>
    (await world.feed.readShared({ after: 0, limit: 10_000 })).at(-1)?.sequence ?? 0

  it('sends a signed test event at once, which the receiver verifies with the secret, and keeps it', async () => {
    const { id, secret, partnerId } = await subscribe()
    expect(partnerId).toBe('nice-cote-d-azur')
    const before = receiver.requests.length

    const sent = await user()('POST', `/subscriptions/${id}/test`)

    expect(sent.status).toBe(201)
    const test = sent.json()
    expect(test).toMatchObject({
      delivered: true,
      statusCode: 204,
      testId: expect.stringMatching(/^tst_/),
    })
    expect(Number.isInteger(test.latencyMs)).toBe(true)
    const [request] = receiver.requests.slice(before)
    expect(receiver.requests.length - before).toBe(1)
    expect(request?.headers['webhook-id']).toBe(test.webhookId)
    const body = verifyAsReceived(secret, request!) as Received
    expect(body).toMatchObject({
      type: testEventType,
      data: { subscriptionId: id, testId: test.testId },
    })
    const listed = (await user()('GET', `/subscriptions/${id}/tests`)).json()
    expect(listed.tests).toEqual([test])
    // A test is no delivery: the log of real events stays empty.
    expect((await user()('GET', `/subscriptions/${id}/deliveries`)).json().deliveries).toEqual([])
  })

  it('says when the endpoint refuses a test event, and tries it once only', async () => {
    const { id } = await subscribe()
    answer = () => 500
    const before = receiver.requests.length
    const sent = (await user()('POST', `/subscriptions/${id}/test`)).json()
    expect(sent).toMatchObject({ delivered: false, statusCode: 500, error: 'HTTP 500' })
    expect(receiver.requests.length - before).toBe(1)
  })

  it('logs each attempt with its time, status, response code and latency; `failed=true` shows the failing ones', async () => {
    const { id } = await subscribe({ types: ['partner.joined'] })
    answer = (n) => (n === 1 ? 503 : 204)
    await joins('logged', 1)
    await world.deliverer.run()

    const failing = (await user()('GET', `/subscriptions/${id}/deliveries?failed=true`)).json()
      .deliveries
    expect(failing).toHaveLength(1)
    expect(failing[0]).toMatchObject({ status: 'pending', lastStatusCode: 503 })

    await world.drain([id])
    const [delivery] = (await user()('GET', `/subscriptions/${id}/deliveries`)).json().deliveries
    expect(delivery.status).toBe('delivered')
    expect(delivery.history).toEqual([
      {
        at: expect.any(String),
        status: 'pending',
        statusCode: 503,
        error: 'HTTP 503',
        latencyMs: expect.any(Number),
      },
      {
        at: expect.any(String),
        status: 'delivered',
        statusCode: 204,
        latencyMs: expect.any(Number),
      },
    ])
    expect(Date.parse(delivery.history[1].at)).toBeGreaterThan(Date.parse(delivery.history[0].at))
    expect(
      (await user()('GET', `/subscriptions/${id}/deliveries?failed=true`)).json().deliveries,
    ).toEqual([])
    expect(attemptsKept).toBeGreaterThanOrEqual(10)
  })

  it('pauses: events wait and nothing is posted; resumed, they go out in order', async () => {
    const { id, secret } = await subscribe({ types: ['partner.joined'] })
    const paused = await user()('POST', `/subscriptions/${id}/pause`)
    expect(paused.status).toBe(200)
    expect(paused.json()).toMatchObject({ status: 'disabled', paused: true })
    const before = receiver.requests.length
    await joins('paused', 3)
    await world.deliverer.run()
    expect(receiver.requests.length).toBe(before)

    const resumed = await user()('POST', `/subscriptions/${id}/resume`)
    expect(resumed.json()).toMatchObject({ status: 'active', paused: false })
    await world.drain([id])
    const got = dedupe(receiver.requests.slice(before)).map(
      (r) => verifyAsReceived(secret, r) as Received,
    )
    expect(got.map((event) => event.data.sequence)).toEqual(
      [...got.map((e) => e.data.sequence)].sort((a, b) => a - b),
    )
    expect(got).toHaveLength(3)
  })

  it('previews a replay, then replays exactly what the preview counted, however far the Feed moved since', async () => {
    const { id, secret } = await subscribe({ types: ['partner.joined'] })
    await joins('before', 2)
    await world.drain([id])
    const after = await newestSequence() // the partner processed everything up to here
    await joins('lost', 4)
    await world.drain([id])

    const preview = await user()(
      'GET',
      `/subscriptions/${id}/replay-preview?afterSequence=${after}`,
    )
    expect(preview.status).toBe(200)
    const said = preview.json()
    expect(said).toMatchObject({
      afterSequence: after,
      toSequence: after + 4,
      replayable: 4,
      byType: { 'partner.joined': 4 },
    })
    // Counted in the partner's own events: no position anywhere, though eight withheld
    // events lie between the four.
    expect(preview.text).not.toMatch(/position|version/i)
    expect(said.first.map((e: { sequence: number }) => e.sequence)).toEqual(
      [1, 2, 3, 4].map((i) => after + i))

    // More events arrive between the preview and its confirmation.
    await joins('later', 2)
    await world.drain([id])
    const sent = receiver.requests.length
    const replay = await user()('POST', `/subscriptions/${id}/replay`, {
      afterSequence: after,
      toSequence: said.toSequence,
    })
    expect(replay.status).toBe(202)
    expect(replay.json()).toMatchObject({ replayed: said.replayable, toSequence: said.toSequence })
    await world.drain([id])
    const replayed = dedupe(receiver.requests.slice(sent)).map(
      (r) => verifyAsReceived(secret, r) as Received,
    )
    expect(replayed.map((event) => event.data.sequence)).toEqual(
      said.first.map((e: { sequence: number }) => e.sequence),
    )
    for (const event of replayed) {
      expect(event.data).not.toHaveProperty('position')
      expect(event.data).not.toHaveProperty('version')
    }
    for (const event of replayed) expect(event.replay?.replayId).toBe(replay.json().replayId)
  })

  it('pages the delivery log by sequence: every delivery once, newest first, a cursor that holds a sequence', async () => {
    const { id } = await subscribe({ types: ['partner.joined'] })
    await joins('logged', 5)
    await world.drain([id])
    const seen: number[] = []
    let cursor: string | undefined
    for (let page = 0; page < 10; page++) {
      const query = `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const response = await user()('GET', `/subscriptions/${id}/deliveries?${query}`)
      expect(response.status).toBe(200)
      expect(response.text).not.toMatch(/"position"|"version"/)
      const body = response.json<{ deliveries: Array<{ sequence: number }>; next?: string }>()
      seen.push(...body.deliveries.map((d) => d.sequence))
      if (body.next === undefined) break
      // The cursor holds the sequence of where the next page starts: nothing to count by.
      expect(sequenceCursor.decode(body.next)).toBe(body.deliveries.at(-1)?.sequence)
      cursor = body.next
    }
    const newest = await newestSequence()
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => newest - i))
  })

  it('asks a preview for one starting point', async () => {
    const { id } = await subscribe()
    expect((await user()('GET', `/subscriptions/${id}/replay-preview`)).status).toBe(400)
    const both = `afterSequence=1&since=${encodeURIComponent('2019-09-01T00:00:00Z')}`
    expect((await user()('GET', `/subscriptions/${id}/replay-preview?${both}`)).status).toBe(400)
  })
})
