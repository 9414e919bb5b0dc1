import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { partnerJoined } from '../../fixtures/events.js'
import { dedupe, startReceiver } from './fixtures.js'
import { append, partnerWorld, type PartnerWorld } from './partner-world.js'

interface SubscriptionView {
  readonly id: string
  readonly status: string
  readonly pausedReason?: string
}

/**
 * What becomes of a partner's subscriptions when its last live key goes (issue 20, point 5):
 * the partner can then neither see nor delete them, so nothing is sent to it. They are
 * paused with the reason (staff see it, and may delete them), their deliveries are kept,
 * and they resume, waiting deliveries first, once a key is issued again. A key that
 * expires counts as one revoked.
 */
describe('a partner’s subscriptions when its last key goes', () => {
  const partner = 'metropole-nice-cote-d-azur'
  let world: PartnerWorld
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let subscriptionId = ''
  let joins = 0
  beforeAll(async () => {
    world = await partnerWorld([partner])
    receiver = await startReceiver(() => 204, world.time.clock)
    const created = await world.as(partner)('POST', '/subscriptions', { url: receiver.url })
    expect(created.status).toBe(201)
    subscriptionId = created.json<{ id: string }>().id
  })
  afterAll(() => receiver.close())

  /** An event the partner receives, through the Feed and the dispatcher. */
  const somethingHappens = async () => {
    await append(world.store, 'edition-ces-2020', partnerJoined(`joiner-${++joins}`))
    await world.propagate()
  }
  const sent = () => dedupe(receiver.requests).length
  const staffView = async () => {
    const one = await world.api.admin('GET', `/subscriptions/${subscriptionId}`)
    expect(one.status).toBe(200)
    const listed = await world.api.admin('GET', `/subscriptions?partnerId=${partner}`)
    expect(listed.json<{ subscriptions: SubscriptionView[] }>().subscriptions).toEqual([one.json()])
    return one.json<SubscriptionView>()
  }
  const issueKey = async (body: Record<string, unknown> = {}) => {
    const issued = await world.api.admin('POST', `/partners/${partner}/keys`, {
      scopes: ['subscriptions:write'],
      ...body,
    })
    expect(issued.status).toBe(201)
    return issued.json<{ keyId: string; apiKey: string }>()
  }

  it('delivers while the partner holds a live key', async () => {
    await somethingHappens()
    await world.drain([subscriptionId])
    expect(sent()).toBe(1)
    expect(await staffView()).toMatchObject({ status: 'active' })
  })

  it('sends nothing once its last key is revoked: paused, with the reason staff see', async () => {
    const revoked = await world.api.admin(
      'DELETE',
      `/partners/${partner}/keys/${world.keyIds[partner] ?? ''}`,
    )
    expect(revoked.status).toBe(204)
    await somethingHappens()
    const run = await world.deliverer.run()
    expect(run).toMatchObject({ delivered: 0, paused: 1 })
    expect(sent()).toBe(1)
    expect(await staffView()).toMatchObject({
      status: 'paused',
      pausedReason: expect.stringMatching(/no live API key/),
    })
    // The partner cannot see it (its key is gone), and nothing more is sent on later runs.
    expect((await world.as(partner)('GET', `/subscriptions/${subscriptionId}`)).status).toBe(401)
    await somethingHappens()
    expect(await world.deliverer.run()).toMatchObject({ delivered: 0, paused: 0 })
    expect(sent()).toBe(1)
  })

  it('resumes once a key is issued again, and sends the deliveries it kept', async () => {
    const { apiKey } = await issueKey()
    await world.drain([subscriptionId])
    expect(sent()).toBe(3)
    const view = (
      await world.api.public('GET', `/subscriptions/${subscriptionId}`, undefined, {
        'X-Api-Key': apiKey,
      })
    ).json()
    expect(view).toMatchObject({ status: 'active' })
    expect(view).not.toHaveProperty('pausedReason')
  })

  it('pauses when the last key expires, as when it is revoked; staff may still delete it', async () => {
    const now = world.time.clock()
    const expiring = await issueKey({
      expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
    })
    const keys = (await world.api.admin('GET', `/partners/${partner}/keys`)).json<{
      keys: { keyId: string; status: string }[]
    }>()
    for (const { keyId } of keys.keys.filter(
      (key) => key.keyId !== expiring.keyId && key.status !== 'revoked',
    )) {
      expect((await world.api.admin('DELETE', `/partners/${partner}/keys/${keyId}`)).status).toBe(
        204,
      )
    }
    await somethingHappens()
    await world.drain([subscriptionId])
    expect(sent()).toBe(4)

    world.time.set(new Date(now.getTime() + 3_600_000))
    await somethingHappens()
    expect(await world.deliverer.run()).toMatchObject({ delivered: 0, paused: 1 })
    expect(sent()).toBe(4)
    expect(await staffView()).toMatchObject({ status: 'paused' })

    expect((await world.api.admin('DELETE', `/subscriptions/${subscriptionId}`)).status).toBe(204)
    expect((await world.api.admin('GET', `/subscriptions/${subscriptionId}`)).status).toBe(404)
    await issueKey()
    await world.deliverer.run()
    expect(sent()).toBe(4)
  })
})
