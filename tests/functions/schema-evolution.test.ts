import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projections } from '../../domain/projections/index.js'
import { pageKey, pageOf } from '../../functions/feed/feed-layout.js'
import { createReadModelStore } from '../../functions/projector/read-model-store.js'
import { runProjections } from '../../functions/projector/run-projections.js'
import { rebuild } from '../../functions/rebuild/rebuild.js'
import { applicationBody, validSiret } from '../fixtures/requests.js'
import { startReceiver, verifyAsReceived } from './webhooks/fixtures.js'
import { partnerWorld, type PartnerWorld } from './webhooks/partner-world.js'

interface AwardData {
  category: string
  categoryAsRecorded?: string
}

/**
 * Events stored before `award.won` v2 (free-text categories) still read as v2 everywhere:
 * v1 items are written straight into DynamoDB Local, as the Events and Feed tables hold
 * them, then read back through the event store, a command's decision, the indexer, the
 * projections, a rebuild, the partners' feed and webhooks.
 */
describe('award.won v1 items in DynamoDB read as v2 everywhere', () => {
  let world: PartnerWorld
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let subscription: { id: string; secret: string }
  let startupId: string
  const streamId = 'edition-ces-2020'
  /** The two v1 awards, as old code wrote them; their versions in the edition's stream. */
  const v1Awards = [
    { awardId: 'award-v1-sante', category: 'Santé', award: 'honoree' },
    { awardId: 'award-v1-chain', category: 'Blockchain & Web3', award: 'best-of-innovation' },
  ] as const
  const expected = {
    'award-v1-sante': { category: 'Health & Wellness' },
    'award-v1-chain': { category: 'Unlisted', categoryAsRecorded: 'Blockchain & Web3' },
  }
  const byAwardId = (awards: Array<AwardData & { awardId: string }>) =>
    Object.fromEntries(
      awards.map(({ awardId, category, categoryAsRecorded }) => [
        awardId,
        { category, ...(categoryAsRecorded ? { categoryAsRecorded } : {}) },
      ]),
    )

  beforeAll(async () => {
    world = await partnerWorld(['nice-cote-d-azur'])
    receiver = await startReceiver(() => 204, world.time.clock)
    const created = await world.as('nice-cote-d-azur')('POST', '/subscriptions', {
      url: receiver.url,
      types: ['award.won'],
    })
    subscription = created.json()
    const applied = await world.api.public(
      'POST',
      '/editions/ces-2020/applications',
      applicationBody(validSiret(7)),
    )
    startupId = applied.json().startupId
    const decided = await world.api.admin(
      'POST',
      `/applications/${applied.json().applicationId}/decision`,
      {
        decision: 'selected',
      },
    )
    expect(decided.status).toBe(200)

    // Prepare: two awards written by the code of before, at the stream's next versions.
    const { doc, names } = world.harness.tables
    let version = await world.store.streamVersion(streamId)
    for (const { awardId, category, award } of v1Awards) {
      version += 1
      await doc.send(
        new PutCommand({
          TableName: names.events,
          Item: {
            eventId: `0193a0b0-0000-7000-8000-00000000000${version % 10}`,
            streamId,
            version,
            type: 'award.won',
            schemaVersion: 1,
            data: { awardId, editionId: 'ces-2020', startupId, award, category },
            metadata: { correlationId: 'import-2019', actor: 'staff:old-back-office' },
            recordedAt: '2019-09-01T09:00:00.000Z',
          },
          ConditionExpression: 'attribute_not_exists(streamId)',
        }),
      )
    }
  })
  afterAll(() => receiver.close())

  it('the event store reads them as v2, and a command decides on them as v2', async () => {
    const awards = (await world.store.readStream(streamId)).filter((e) => e.type === 'award.won')
    expect(awards.map((e) => e.schemaVersion)).toEqual([2, 2])
    expect(byAwardId(awards.map((e) => e.data as AwardData & { awardId: string }))).toEqual(
      expected,
    )
    const audit = (await world.api.admin('GET', `/streams/${streamId}`)).json()
    expect(audit.events.filter((e: { type: string }) => e.type === 'award.won')[0]).toMatchObject({
      schemaVersion: 2,
      data: { category: 'Health & Wellness' },
    })
    // The edition's fold saw the upcast category: the same award again is refused.
    const again = await world.api.admin('POST', '/editions/ces-2020/awards', {
      startupId,
      award: 'honoree',
      category: 'Health & Wellness',
    })
    expect(again.status).toBe(409)
    expect(again.json().type).toBe('/problems/award-already-won')
  })

  it('the indexer, the Feed, the projections, a rebuild, the feed and webhooks all see v2', async () => {
    const { doc, names } = world.harness.tables
    await world.propagate()
    // Make the first award's Feed item what old code indexed: the v1 envelope as stored.
    const stored = await doc.send(
      new GetCommand({
        TableName: names.events,
        Key: { streamId, version: (await world.store.streamVersion(streamId)) - 1 },
      }),
    )
    const head = await world.feed.head()
    const page = await doc.send(
      new QueryCommand({
        TableName: names.feed,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pageKey(pageOf(head)) },
        ConsistentRead: true,
      }),
    )
    const indexed = (page.Items ?? []).find((item) => item.eventId === stored.Item?.eventId)
    expect(indexed).toMatchObject({ schemaVersion: 2 }) // the indexer wrote it upcast
    await doc.send(
      new PutCommand({
        TableName: names.feed,
        // With its partner sequence, as `npm run backfill-sequences` leaves an old item.
        Item: {
          ...stored.Item,
          pk: indexed?.pk,
          sk: indexed?.sk,
          position: indexed?.position,
          sequence: indexed?.sequence,
          seqPk: indexed?.seqPk,
          seqSk: indexed?.seqSk,
        },
      }),
    )
    const raw = await doc.send(
      new GetCommand({ TableName: names.feed, Key: { pk: indexed?.pk, sk: indexed?.sk } }),
    )
    expect(raw.Item).toMatchObject({ schemaVersion: 1, data: { category: 'Santé' } })

    // The Feed reader.
    const fromFeed = (await world.feed.read({ after: 0, limit: 500 })).filter(
      (e) => e.type === 'award.won',
    )
    expect(fromFeed.map((e) => e.schemaVersion)).toEqual([2, 2])
    expect(byAwardId(fromFeed.map((e) => e.data as AwardData & { awardId: string }))).toEqual(
      expected,
    )

    // The projections, then a rebuild.
    const store = createReadModelStore({ doc, table: names.readModels })
    const projected = await runProjections({ feed: world.feed, store, projections })
    expect(projected.failures).toEqual([])
    // Reports group by the listed category; the v1 text stays in the event.
    const inReports = { 'award-v1-sante': 'Health & Wellness', 'award-v1-chain': 'Unlisted' }
    const report = async () => {
      const response = await world.api.reports('GET', '/reports/awards?editionId=ces-2020')
      expect(response.status).toBe(200)
      const awards = response.json().awards as Array<{ awardId: string; category: string }>
      return Object.fromEntries(awards.map((a) => [a.awardId, a.category]))
    }
    expect(await report()).toEqual(inReports)
    await rebuild({ feed: world.feed, store, projections })
    expect(await report()).toEqual(inReports)

    // The partners' feed.
    const feedPage = await world.as('nice-cote-d-azur')('GET', '/feed?types=award.won')
    const feedEvents = feedPage.json().events as Array<{
      schemaVersion: number
      data: AwardData & { awardId: string }
    }>
    expect(feedEvents.map((e) => e.schemaVersion)).toEqual([2, 2])
    expect(byAwardId(feedEvents.map((e) => e.data))).toEqual(expected)

    // Webhooks: dispatched from the Feed, posted, signed.
    await world.dispatcher.run()
    await world.drain([subscription.id])
    const bodies = receiver.requests.map(
      (r) =>
        verifyAsReceived(subscription.secret, r) as {
          data: { schemaVersion: number; data: AwardData & { awardId: string } }
        },
    )
    expect(bodies.map((b) => b.data.schemaVersion)).toEqual([2, 2])
    expect(byAwardId(bodies.map((b) => b.data.data))).toEqual(expected)
  })
})
