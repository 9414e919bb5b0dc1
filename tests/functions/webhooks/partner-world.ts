import type { DomainEvent } from '../../../domain/events/index.js'
import { createDynamoFeed } from '../../../functions/feed/dynamo-feed.js'
import { createApiKeyStore } from '../../../functions/partner-access/api-key-store.js'
import { partnerHasLiveKey } from '../../../functions/partner-access/live-keys.js'
import { createDeliverer, type DelivererOptions } from '../../../functions/webhooks/delivery/deliverer.js'
import { createDispatcher } from '../../../functions/webhooks/dispatch/dispatcher.js'
import { createWebhookSender } from '../../../functions/webhooks/delivery/http-sender.js'
import { createWebhookStores } from '../../../functions/webhooks/services.js'
import type { TargetPolicy } from '../../../functions/webhooks/url-safety.js'
import type { EventStore } from '../../../functions/store/event-store.js'
import { signPartnerUserToken } from '../../../local/dev-tokens.js'
import { metadata } from '../../fixtures/events.js'
import { editionBody } from '../../fixtures/requests.js'
import { apiHarness, client, testNow } from '../http/api-harness.js'
import { inProcess } from '../http/transports.js'
import { fakeClock, indexAll } from './fixtures.js'

/** Loopback receivers over plain http, as under `npm start`. */
export const localPolicy: TargetPolicy = {
  allowHttp: true,
  allowedHosts: ['127.0.0.1', 'localhost'],
}

/** Appends events one at a time at the stream's current version, as commands would. */
export const append = async (store: EventStore, streamId: string, ...events: DomainEvent[]) => {
  for (const event of events) {
    const expectedVersion = await store.streamVersion(streamId)
    await store.append([{ streamId, expectedVersion, events: [event] }], { metadata: metadata() })
  }
}

/**
 * The whole partners side on fresh DynamoDB Local tables: the API (staff and partner
 * calls), the real indexer, the dispatcher and the deliverer, all on one fake clock;
 * one edition open and the partners named registered, each with an all-scopes key.
 *
 * @example const world = await partnerWorld(['nice-cote-d-azur'])
 */
export const partnerWorld = async (
  partnerIds: readonly string[],
  options: Partial<Pick<DelivererOptions, 'maxPerSubscription' | 'concurrency'>> & {
    timeoutMs?: number
  } = {},
) => {
  const time = fakeClock(testNow)
  const harness = await apiHarness({ now: time.clock, targetPolicy: localPolicy })
  const api = client(await inProcess().start(harness.app), harness)
  const { doc, names } = harness.tables
  const stores = createWebhookStores({ doc, table: names.partners })
  const feed = createDynamoFeed({ doc, table: names.feed })
  const dispatcher = createDispatcher({ feed, ...stores, clock: time.clock, pageSize: 7 })
  let random = 0.5
  const deliverer = createDeliverer({
    ...stores,
    send: createWebhookSender({ policy: localPolicy, timeoutMs: options.timeoutMs ?? 2_000 }),
    clock: time.clock,
    random: () => random,
    // As the Lambdas do: a partner left with no live key has its subscriptions paused.
    partnerHasLiveKey: partnerHasLiveKey(createApiKeyStore({ doc, table: names.partners })),
    ...options,
  })
  const opened = await api.admin('POST', '/editions', editionBody('ces-2020'))
  if (opened.status !== 201) throw new Error(`edition not opened: ${opened.text}`)
  const keys: Record<string, string> = {}
  const keyIds: Record<string, string> = {}
  for (const partnerId of partnerIds) {
    const joined = await api.admin('POST', '/editions/ces-2020/partners', {
      partnerId,
      name: `Partner ${partnerId}`,
      kind: 'metropolis',
      contribution: 'Stands',
    })
    if (joined.status !== 201) throw new Error(`partner not registered: ${joined.text}`)
    const issued = await api.admin('POST', `/partners/${partnerId}/keys`, {
      scopes: ['feed:read', 'subscriptions:write'],
    })
    keys[partnerId] = issued.json().apiKey
    keyIds[partnerId] = issued.json().keyId
  }
  await indexAll(harness.tables)
  /** A partner's call with its API key. */
  const as = (partnerId: string) => (method: string, path: string, body?: unknown) =>
    api.public(method, path, body, { 'X-Api-Key': keys[partnerId] ?? '' })
  /** A call of one of a partner's people, with their token (the portal's calls). */
  const asUser = (partnerId: string) => async (method: string, path: string, body?: unknown) =>
    api.public(method, path, body, {
      Authorization: `Bearer ${await signPartnerUserToken(harness.key, partnerId)}`,
    })
  /** The Events stream and the Feed stream: index, then dispatch. */
  const propagate = async () => {
    await indexAll(harness.tables)
    return dispatcher.run()
  }
  /**
   * Runs the deliverer until nothing is pending; when a run posts nothing, the clock
   * jumps to the next time a delivery falls due (what the one-minute schedule would reach).
   */
  const drain = async (subscriptionIds: readonly string[], maxRuns = 60) => {
    for (let run = 1; run <= maxRuns; run += 1) {
      const { delivered, failed, dead } = await deliverer.run()
      const logs = await Promise.all(
        subscriptionIds.map((id) => stores.deliveries.log(id, { limit: 200 })),
      )
      const pending = logs.flatMap((l) => l.deliveries).filter((d) => d.status === 'pending')
      if (pending.length === 0) return run
      if (delivered + failed + dead > 0) continue
      const now = time.clock().getTime()
      const later = pending.map((d) => Date.parse(d.nextAttemptAt ?? '')).filter((at) => at > now)
      if (later.length === 0) throw new Error('pending deliveries, none due and none to wait for')
      time.set(new Date(Math.min(...later)))
    }
    throw new Error(`deliveries still pending after ${maxRuns} runs`)
  }
  return {
    harness,
    api,
    as,
    asUser,
    keys,
    keyIds,
    time,
    stores,
    feed,
    dispatcher,
    deliverer,
    propagate,
    drain,
    setRandom: (value: number) => void (random = value),
    store: harness.store,
  }
}

export type PartnerWorld = Awaited<ReturnType<typeof partnerWorld>>
