import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { Webhook } from 'standardwebhooks'
import { tableEnv } from '../../../functions/shared/table-names.js'
import { createDynamoEventStore } from '../../../functions/store/dynamo-event-store.js'
import { createApiKeyStore } from '../../../functions/partner-access/api-key-store.js'
import { createWebhookStores } from '../../../functions/webhooks/services.js'
import { scheduledEvent } from '../../../local/scheduler.js'
import { createTestTables, type TestTables } from '../../setup/test-tables.js'
import { insertRecord, streamEvent } from '../indexer/stream-events.js'
import { indexAll, startReceiver } from './fixtures.js'
import { append } from './partner-world.js'
import { testVault } from '../../setup/test-vault.js'
import { pageKey } from '../../../functions/feed/feed-layout.js'

/**
 * The two Lambda entry modules as `npm start` and AWS load them: environment read at
 * import, real clock, real Powertools logger. A Feed record wakes the dispatcher, which
 * posts new deliveries at once; a scheduled event runs the deliverer (retries).
 */
describe('the dispatcher and deliverer Lambdas', () => {
  let tables: TestTables
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  beforeAll(async () => {
    tables = await createTestTables()
    receiver = await startReceiver(
      () => 204,
      () => new Date(),
    )
    Object.assign(process.env, {
      ...tableEnv(tables.names),
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      ALLOW_HTTP_TARGETS: 'true',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,localhost',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    })
  })
  afterAll(() => receiver.close())

  it('dispatches on a Feed wake-up and delivers the signed webhook at once; the deliverer tick finds nothing left', async () => {
    const { subscriptions } = createWebhookStores({ doc: tables.doc, table: tables.names.partners })
    // A partner with a live key: one left with none has its subscriptions paused.
    const apiKeys = createApiKeyStore({ doc: tables.doc, table: tables.names.partners })
    await apiKeys.create({ partnerId: 'tpm', scopes: ['subscriptions:write'], createdBy: 'staff', now: new Date() })
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
    await subscriptions.create({
      id: 'sub-1',
      partnerId: 'tpm',
      url: receiver.url,
      filter: { types: ['award.won'] },
      secret,
      startsAfter: 0,
      createdBy: 'k',
      now: new Date(),
    })
    const store = createDynamoEventStore({ doc: tables.doc, tables: tables.names, personalData: testVault(tables) })
    await append(store, 'edition-ces-2020', {
      type: 'award.won',
      data: {
        awardId: 'a-1',
        editionId: 'ces-2020',
        startupId: 's-1',
        award: 'best-of-innovation',
        category: 'Health & Wellness',
      },
    })
    await indexAll(tables)

    const dispatcher = await import('../../../functions/webhooks/dispatch/lambda.js')
    const deliverer = await import('../../../functions/webhooks/delivery/lambda.js')
    const wakeUp = streamEvent([
      insertRecord({ pk: pageKey(0), sk: 1 }),
    ])
    expect(await dispatcher.handler(wakeUp)).toEqual({ batchItemFailures: [] })
    expect(receiver.requests).toHaveLength(1)
    expect(
      await deliverer.handler(scheduledEvent('deliverer', 'eu-west-3', new Date())),
    ).toMatchObject({ delivered: 0 })
    expect(receiver.requests).toHaveLength(1)
    const [request] = receiver.requests
    expect(
      new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>),
    ).toMatchObject({
      type: 'award.won',
      data: { sequence: 1, data: { awardId: 'a-1' } },
    })
    expect(await dispatcher.handler(scheduledEvent('dispatcher', 'eu-west-3', new Date()))).toEqual(
      { from: 1, to: 1, recorded: 0 },
    )
  })
})
