import type { PartnerFeedReader } from '../feed/feed.js'
import type { ApiKeyStore } from '../partner-access/api-key-store.js'
import type { PartnerUserDirectory } from '../partner-access/users/partner-users.js'
import type { PersonalDataVault } from '../personal-data/vault.js'
import type { OutboxReader } from '../queries/application-messages.js'
import type { WriteDeps } from '../commands/write-deps.js'
import type { WebhookServices } from '../webhooks/services.js'
import type { WebsiteDeps } from '../website/website-deps.js'
import type { HitCounter } from './hit-counter.js'
import type { RateLimits } from './rate-limits.js'

/**
 * Everything the API needs from the outside world, passed in so tests can build the app
 * on DynamoDB Local with a fixed clock and their own signing key: the write side's
 * (store, loader, retry budget, new ids, the programme's counters), the website's (read
 * models, token verifier, logger, clock, pages), and the API's own.
 */
export interface ApiDeps extends WriteDeps, WebsiteDeps {
  /** Requests per minute per client address (public) and per API key (partners); 0: none. */
  readonly rateLimits: RateLimits
  /** Where the limits per caller are counted: shared by every instance. */
  readonly hits: HitCounter
  /** The limits' windows' wall clock in ms (rate-limits.ts); `Date.now` unless a test fixes it. */
  readonly windowClock?: () => number
  /** The Feed, for partners' `GET /feed` and new subscriptions' starting point. */
  readonly feed: PartnerFeedReader
  /** Partners' API keys (partner access). */
  readonly apiKeys: ApiKeyStore
  /** Partners' people, who sign in to the portal (the staff user pool in AWS). */
  readonly partnerUsers: PartnerUserDirectory
  /** Webhook subscriptions, their deliveries, where webhooks may go. */
  readonly webhooks: WebhookServices
  /** Seals and opens personal data, erases data subjects (the store was given the same vault). */
  readonly personalData: PersonalDataVault
  /** The notifier's outbox, read for staff's view of an application's messages (never written here). */
  readonly outbox: OutboxReader
}
