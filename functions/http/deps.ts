import type { DomainEvent } from '../../domain/events/index.js'
import type { FeedReader } from '../feed/feed.js'
import type { ApiKeyStore } from '../partner-access/api-key-store.js'
import type { PersonalDataVault } from '../personal-data/vault.js'
import type { Logger } from '../shared/logger.js'
import type { AggregateLoader } from '../store/aggregate-loader.js'
import type { EventStore } from '../store/event-store.js'
import type { WebhookServices } from '../webhooks/services.js'
import type { TokenVerifier } from './auth/token-verifier.js'
import type { PagesConfig } from '../website/pages-config.js'
import type { RateLimits } from './rate-limits.js'
import type { ReadModelReader } from '../queries/read-model-reader.js'

/**
 * Everything the API needs from the outside world, passed in so tests can build
 * the app on DynamoDB Local with a fixed clock and their own signing key.
 */
export interface ApiDeps {
  readonly store: EventStore
  /** Loads aggregates through the cache and snapshots (see createEventSourcing). */
  readonly aggregates: AggregateLoader
  /** How long a command retries conflicts others caused before a 503 (default 5 s). */
  readonly retryBudgetMs?: number
  readonly verifier: TokenVerifier
  readonly logger: Logger
  readonly clock: () => Date
  readonly newId: () => string
  /** Origins allowed to post the registration form from a browser. */
  readonly corsOrigins: readonly string[]
  /** Requests per minute per client address (public) and per API key (partners); 0: none. */
  readonly rateLimits: RateLimits
  /** The Feed, for partners' `GET /feed` and new subscriptions' starting point. */
  readonly feed: FeedReader
  /** Partners' API keys (partner access). */
  readonly apiKeys: ApiKeyStore
  /** Webhook subscriptions, their deliveries, where webhooks may go. */
  readonly webhooks: WebhookServices
  /** The projections' documents, for the reports and the start-up directory. */
  readonly readModels: ReadModelReader
  /** Seals and opens personal data, erases data subjects (the store was given the same vault). */
  readonly personalData: PersonalDataVault
  /** After each command's append (see CommandDeps): counts the programme's facts. */
  readonly onAppended?: (events: readonly DomainEvent[]) => void
  /** The pages' built assets and staff sign-in; without it they render unstyled, staff sign-in off. */
  readonly pages?: PagesConfig
}
