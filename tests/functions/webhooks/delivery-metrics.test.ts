import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { createApiKeyStore } from '../../../functions/partner-access/api-key-store.js'
import { tableEnv } from '../../../functions/shared/table-names.js'
import { createDynamoEventStore } from '../../../functions/store/dynamo-event-store.js'
import { createWebhookStores } from '../../../functions/webhooks/services.js'
import { createTestTables, type TestTables } from '../../setup/test-tables.js'
import { insertRecord, streamEvent } from '../indexer/stream-events.js'
import { indexAll, startReceiver } from './fixtures.js'
import { append } from './partner-world.js'

/**
 * The dispatcher's Lambda entry, its metrics switched on as in AWS: a post that fails
 * (503, retried later) and one refused for good (410, dead-lettered) are counted, in the
 * one EMF line written as the invocation ends.
 */
describe('the dispatcher Lambda', () => {
  let tables: TestTables
  const receivers: Array<Awaited<ReturnType<typeof startReceiver>>> = []
  beforeAll(async () => {
    tables = await createTestTables()
    receivers.push(
      await startReceiver(
        () => 503,
        () => new Date(),
      ),
    )
    receivers.push(
      await startReceiver(
        () => 410,
        () => new Date(),
      ),
    )
    Object.assign(process.env, {
      ...tableEnv(tables.names),
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      ALLOW_HTTP_TARGETS: 'true',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,localhost',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'false',
    })
  })
  afterAll(async () => {
    delete process.env.POWERTOOLS_METRICS_DISABLED
    vi.restoreAllMocks()
    await Promise.all(receivers.map((receiver) => receiver.close()))
  })

  it('counts failed deliveries and dead letters', async () => {
    const { subscriptions } = createWebhookStores({ doc: tables.doc, table: tables.names.partners })
    const keys = createApiKeyStore({ doc: tables.doc, table: tables.names.partners })
    for (const [i, receiver] of receivers.entries()) {
      // A partner with no live key has its subscriptions paused, not delivered to (issue 20).
      await keys.create({ partnerId: `partner-${i}`, scopes: ['subscriptions:write'], createdBy: 'staff', now: new Date() })
      await subscriptions.create({
        id: `sub-${i}`,
        partnerId: `partner-${i}`,
        url: receiver.url,
        filter: { types: ['award.won'] },
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        startsAfter: 0,
        createdBy: 'k',
        now: new Date(),
      })
    }
    const store = createDynamoEventStore({ doc: tables.doc, tables: tables.names })
    await append(store, 'edition-ces-2020', {
      type: 'award.won',
      data: {
        awardId: 'a-1',
        editionId: 'ces-2020',
        startupId: 's-1',
        award: 'honoree',
        category: 'Digital Health',
      },
    })
    await indexAll(tables)
    // POWERTOOLS_DEV (vitest.config.ts) makes Powertools write EMF through console.log.
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})

    const dispatcher = await import('../../../functions/webhooks/dispatch/lambda.js')
    const wakeUp = streamEvent([insertRecord({ pk: 'page#0', sk: 1 })])
    expect(await dispatcher.handler(wakeUp)).toEqual({ batchItemFailures: [] })

    expect(receivers.map((receiver) => receiver.requests.length)).toEqual([1, 1])
    const lines = log.mock.calls.map(
      ([line]) => JSON.parse(String(line)) as Record<string, unknown>,
    )
    expect(lines).toEqual([
      expect.objectContaining({ service: 'delegation-sud', DeliveriesFailed: 1, DeadLetters: 1 }),
    ])
  })
})
