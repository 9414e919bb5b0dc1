import { beforeEach, describe, expect, it } from 'vitest'
import { createDynamoFeed } from '../../../functions/feed/dynamo-feed.js'
import type { FeedReader } from '../../../functions/feed/feed.js'
import { createDispatcher } from '../../../functions/webhooks/dispatch/dispatcher.js'
import {
  createWebhookStores,
  type WebhookStores,
} from '../../../functions/webhooks/services.js'
import {
  CheckpointPassedError,
  type NewSubscription,
} from '../../../functions/webhooks/subscriptions/subscription-store.js'
import { dispatcherHandler } from '../../../functions/webhooks/dispatch/handler.js'
import { createDynamoEventStore } from '../../../functions/store/dynamo-event-store.js'
import type { EventStore } from '../../../functions/store/event-store.js'
import { scheduledEvent } from '../../../local/scheduler.js'
import { createTestTables, type TestTables } from '../../setup/test-tables.js'
import { editionOpened, partnerJoined, startupProfilePublished } from '../../fixtures/events.js'
import { insertRecord, streamEvent } from '../indexer/stream-events.js'
import { fakeClock, indexAll } from './fixtures.js'
import { append } from './partner-world.js'
import { testVault } from '../../setup/test-vault.js'

const subscription = (id: string, overrides: Partial<NewSubscription> = {}): NewSubscription => ({
  id,
  partnerId: 'tpm',
  url: 'https://hooks.tpm.example/x',
  filter: {},
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  startsAfter: 0,
  createdBy: 'key-1',
  now: new Date('2019-09-01T10:00:00Z'),
  ...overrides,
})

describe('the dispatcher', () => {
  let tables: TestTables
  let store: EventStore
  let stores: WebhookStores
  let feed: FeedReader
  const time = fakeClock(new Date('2019-09-01T10:00:00Z'))
  const dispatcherOn = (reader: FeedReader) =>
    createDispatcher({ feed: reader, ...stores, clock: time.clock, pageSize: 3 })
  const positions = async (subscriptionId: string) =>
    (await stores.deliveries.readFrom(subscriptionId, 0, 100)).deliveries.map((d) => d.position)

  beforeEach(async () => {
    tables = await createTestTables()
    store = createDynamoEventStore({ doc: tables.doc, tables: tables.names, personalData: testVault(tables) })
    stores = createWebhookStores({ doc: tables.doc, table: tables.names.partners })
    feed = createDynamoFeed({ doc: tables.doc, table: tables.names.feed })
  })

  it('records one delivery per matching (subscription, event), once, however often it runs', async () => {
    await stores.subscriptions.create(subscription('all'))
    await stores.subscriptions.create(
      subscription('ces-2020-partners', {
        filter: { types: ['partner.joined'], editionId: 'ces-2020' },
      }),
    )
    await append(
      store,
      'edition-ces-2020',
      editionOpened('ces-2020'),
      partnerJoined('tpm'),
      partnerJoined('ccir'),
    )
    await append(
      store,
      'edition-ces-2019',
      editionOpened('ces-2019'),
      partnerJoined('tpm', 'ces-2019'),
    )
    await append(store, 'startup-s1', startupProfilePublished('s1'))
    await indexAll(tables)

    const first = await dispatcherOn(feed).run()
    expect(first).toEqual({ from: 0, to: 6, recorded: 8 })
    expect(await positions('all')).toEqual([1, 2, 3, 4, 5, 6])
    expect(await stores.checkpoints.read()).toBe(6)
    // A re-run from scratch (lost checkpoint) and a concurrent pair record nothing new.
    const again = createDispatcher({
      feed,
      ...stores,
      checkpoints: { ...stores.checkpoints, read: async () => 0, commit: async () => true },
      clock: time.clock,
    })
    expect((await again.run()).recorded).toBe(0)
    const [a, b] = await Promise.all([dispatcherOn(feed).run(), dispatcherOn(feed).run()])
    expect(a.recorded + b.recorded).toBe(0)
    const partnersOnly = (await stores.deliveries.readFrom('ces-2020-partners', 0, 100)).deliveries
    expect(partnersOnly.map((d) => d.type)).toEqual(['partner.joined', 'partner.joined'])
    expect(partnersOnly.every((d) => d.streamId === 'edition-ces-2020')).toBe(true)
  })

  it('gives a subscription created mid-page every event after its start, never one before', async () => {
    await append(
      store,
      'edition-ces-2020',
      editionOpened('ces-2020'),
      ...['a', 'b', 'c', 'd'].map((p) => partnerJoined(p)),
    )
    await indexAll(tables)
    let created = false
    // It appears while the dispatcher matches its first page (read with the old registry).
    const racing: FeedReader = {
      head: () => feed.head(),
      read: async (options) => {
        const events = await feed.read(options)
        if (!created) {
          created = true
          await stores.subscriptions.create(subscription('late', { startsAfter: 2 }))
        }
        return events
      },
    }
    const summary = await dispatcherOn(racing).run()
    expect(summary.to).toBe(5)
    expect(await positions('late')).toEqual([3, 4, 5])
  })

  it('refuses to start a subscription behind its checkpoint: the head is read again', async () => {
    await append(store, 'edition-ces-2020', editionOpened('ces-2020'), partnerJoined('a'))
    await indexAll(tables)
    await dispatcherOn(feed).run()
    await expect(
      stores.subscriptions.create(subscription('stale', { startsAfter: 1 })),
    ).rejects.toBeInstanceOf(CheckpointPassedError)
    await expect(
      stores.subscriptions.create(subscription('fresh', { startsAfter: 2 })),
    ).resolves.toMatchObject({ startsAfter: 2, settledBelow: 3 })
  })

  it('runs a delivery pass right after recording deliveries, and only then; a failed pass fails nothing', async () => {
    await stores.subscriptions.create(subscription('all'))
    const logged: unknown[] = []
    const logger = { info: () => {}, warn: () => {}, error: (...args: unknown[]) => logged.push(args) }
    let passes = 0
    const handler = dispatcherHandler(dispatcherOn(feed), logger, async () => {
      passes++
      throw new Error('partner down')
    })
    const wakeUp = streamEvent([insertRecord({ streamId: 'ignored', version: 1 })])
    expect(await handler(wakeUp)).toEqual({ batchItemFailures: [] })
    expect(passes).toBe(0)
    await append(store, 'startup-s3', startupProfilePublished('s3'))
    await indexAll(tables)
    expect(await handler(wakeUp)).toEqual({ batchItemFailures: [] })
    expect(passes).toBe(1)
    expect(logged).toHaveLength(1)
    expect(await positions('all')).toEqual([1])
  })

  it('runs as the Feed stream consumer and on a schedule, reporting a failed catch-up as a failed batch', async () => {
    await stores.subscriptions.create(subscription('all'))
    await append(store, 'startup-s2', startupProfilePublished('s2'))
    await indexAll(tables)
    const logger = { info: () => {}, warn: () => {}, error: () => {} }
    const handler = dispatcherHandler(dispatcherOn(feed), logger)
    const wakeUp = streamEvent([insertRecord({ streamId: 'ignored', version: 1 })])
    expect(await handler(wakeUp)).toEqual({ batchItemFailures: [] })
    expect(await positions('all')).toEqual([1])
    const broken = dispatcherHandler(
      {
        run: async () => {
          throw new Error('throttled')
        },
      },
      logger,
    )
    const failed = await broken(wakeUp)
    expect(failed).toEqual({
      batchItemFailures: [{ itemIdentifier: wakeUp.Records[0]!.dynamodb!.SequenceNumber }],
    })
    const tick = scheduledEvent('dispatcher', 'eu-west-3', time.clock())
    await expect(broken(tick)).rejects.toThrow('throttled')
    expect(await handler(tick)).toEqual({ from: 1, to: 1, recorded: 0 })
  })
})
