import { isKeyActive } from './api-key-item.js'
import type { ApiKeyStore } from './api-key-store.js'

/** Whether a partner holds a key that lets it in at `now`: revoked and expired ones do not. */
export type PartnerHasLiveKey = (partnerId: string, now: Date) => Promise<boolean>

/**
 * A partner's keys listed (one Query of the table's index), as the webhooks ask before
 * delivering: a partner left with no live key can neither see nor manage its subscriptions,
 * so nothing is sent to it until a key is issued again (functions/webhooks/delivery).
 *
 * @example const live = await partnerHasLiveKey(apiKeys)('nice-cote-d-azur', new Date())
 */
export const partnerHasLiveKey =
  (keys: Pick<ApiKeyStore, 'list'>): PartnerHasLiveKey =>
  async (partnerId, now) =>
    (await keys.list(partnerId)).some((key) => isKeyActive(key, now))
