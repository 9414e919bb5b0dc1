import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { v7 as uuidv7 } from 'uuid'
import { createApp } from '../../../functions/http/feature-routes.js'
import { dynamoHitCounter } from '../../../functions/http/hit-counter.js'
import type { RateLimits } from '../../../functions/http/rate-limits.js'
import type { PagesConfig } from '../../../functions/website/pages-config.js'
import { createTokenVerifier } from '../../../functions/shared/http/token-verifier.js'
import type { ApiDeps } from '../../../functions/http/deps.js'
import { createDynamoFeed } from '../../../functions/feed/dynamo-feed.js'
import { createOutboxStore } from '../../../functions/notifier/outbox-store.js'
import { createApiKeyStore } from '../../../functions/partner-access/api-key-store.js'
import { devPartnerUsers } from '../../../functions/partner-access/users/dev-partner-users.js'
import type { PartnerUserDirectory } from '../../../functions/partner-access/users/partner-users.js'
import { createReadModels } from '../../../functions/queries/read-models.js'
import { createEventSourcing } from '../../../functions/store/event-sourcing.js'
import type { EventStore } from '../../../functions/store/event-store.js'
import { createWebhookServices } from '../../../functions/webhooks/services.js'
import type { TargetPolicy } from '../../../functions/webhooks/url-safety.js'
import { devAudience, devIssuer, generateDevKey, signDevToken } from '../../../local/dev-tokens.js'
import { createTestTables, type TestTables } from '../../setup/test-tables.js'
import { testVault, testWithdrawalLinks } from '../../setup/test-vault.js'
import type { Send } from './transports.js'

/** The tests' editions are CES 2020 and its peers, so the API's clock stands in mid-2019. */
export const testNow = new Date('2019-09-01T10:00:00Z')

/** The limits' wall clock for every harness of a test file, fixed when it loads. */
const limitsWindowAt = Date.now()

/**
 * The app on fresh DynamoDB Local tables with its own signing key.
 *
 * @example const { app, token } = await apiHarness()
 */
export const apiHarness = async ({
  now = () => testNow,
  targetPolicy = { allowHttp: false, allowedHosts: [] as string[] },
  rateLimits = { public: 0, partner: 0 },
  maxSubscriptionsPerPartner,
  appendThrough,
  retryBudgetMs,
  pages,
  sameTablesAs,
  onAppended,
  partnerUsers,
}: {
  now?: () => Date
  targetPolicy?: TargetPolicy
  rateLimits?: RateLimits
  maxSubscriptionsPerPartner?: number
  /** Wraps the store's append, to put the command handler in a state DynamoDB rarely shows. */
  appendThrough?: (append: EventStore['append']) => EventStore['append']
  retryBudgetMs?: number
  pages?: PagesConfig
  /** Another process (fresh caches) on the tables and signing key of an existing harness. */
  sameTablesAs?: { tables: TestTables; key: Awaited<ReturnType<typeof generateDevKey>> }
  /** Partners' people: the development stand-in unless a test gives the user pool's adapter. */
  partnerUsers?: PartnerUserDirectory
} & Pick<ApiDeps, 'onAppended'> = {}) => {
  const tables = sameTablesAs?.tables ?? (await createTestTables())
  const key = sameTablesAs?.key ?? (await generateDevKey())
  const personalData = testVault(tables)
  const eventSourcing = createEventSourcing({ doc: tables.doc, tables: tables.names, personalData })
  const { aggregates } = eventSourcing
  const store = appendThrough
    ? {
        ...eventSourcing.store,
        append: appendThrough((appends, options) => eventSourcing.store.append(appends, options)),
      }
    : eventSourcing.store
  const unexpected: unknown[] = []
  const app = createApp({
    store,
    aggregates,
    ...(retryBudgetMs === undefined ? {} : { retryBudgetMs }),
    verifier: createTokenVerifier({ jwks: key.jwks, issuer: devIssuer, audience: devAudience }),
    logger: {
      info: () => {},
      warn: () => {},
      error: (...args: unknown[]) => unexpected.push(args),
    },
    clock: now,
    newId: uuidv7,
    personalData,
    withdrawalLinks: testWithdrawalLinks(tables),
    corsOrigins: ['https://forms.maregionsud.example'],
    // Off unless a test sets them: every request of a test file comes from one address.
    rateLimits,
    // One window for the whole file, shared by its instances: a window turning mid-test would
    // start every count afresh (the 301st request of a slow run got 200).
    windowClock: () => limitsWindowAt,
    hits: dynamoHitCounter({ doc: tables.doc, table: tables.names.guards }),
    feed: createDynamoFeed({ doc: tables.doc, table: tables.names.feed }),
    readModels: createReadModels({ doc: tables.doc, table: tables.names.readModels }),
    apiKeys: createApiKeyStore({ doc: tables.doc, table: tables.names.partners }),
    outbox: createOutboxStore({ doc: tables.doc, table: tables.names.outbox }),
    partnerUsers: partnerUsers ?? devPartnerUsers(now),
    webhooks: createWebhookServices({
      doc: tables.doc,
      table: tables.names.partners,
      policy: targetPolicy,
      ...(maxSubscriptionsPerPartner === undefined ? {} : { maxSubscriptionsPerPartner }),
    }),
    ...(pages ? { pages } : {}),
    ...(onAppended ? { onAppended } : {}),
  })
  const token = (roles: string[], expiresIn: string | number = '1h') =>
    signDevToken(key, { subject: 'test-staff', roles, expiresIn })
  /**
   * How many items each table holds (events, guards, snapshots, feed, read models, partners):
   * a refused request must leave every count as it was.
   */
  const written = async () => {
    const count = async (TableName: string) =>
      (await tables.doc.send(new ScanCommand({ TableName, Select: 'COUNT', ConsistentRead: true })))
        .Count ?? 0
    const keys = Object.keys(tables.names) as (keyof typeof tables.names)[]
    const counts = await Promise.all(keys.map((key) => count(tables.names[key])))
    return Object.fromEntries(keys.map((key, i) => [key, counts[i] ?? 0])) as Record<
      keyof typeof tables.names,
      number
    >
  }
  return { app, store, tables, key, token, unexpected, written, personalData }
}

export type ApiHarness = Awaited<ReturnType<typeof apiHarness>>

/** JSON calls over any transport, as the public, staff (`admin`) or a reporting job. */
export const client = (send: Send, harness: ApiHarness) => {
  const call =
    (roles?: string[]) =>
    async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const auth: Record<string, string> = roles
        ? { Authorization: `Bearer ${await harness.token(roles)}` }
        : {}
      const content: Record<string, string> =
        body === undefined ? {} : { 'Content-Type': 'application/json' }
      return send(method, path, {
        headers: { ...content, ...auth, ...headers },
        ...(body === undefined
          ? {}
          : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      })
    }
  return { public: call(), admin: call(['admin']), reports: call(['reports']), send }
}
