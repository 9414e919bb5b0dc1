import { z } from 'zod'

/**
 * What a partner's API key may do: read the feed, and manage its webhook
 * subscriptions (create, list, rotate secrets, read the delivery log, redrive).
 */
export const apiKeyScopes = ['feed:read', 'subscriptions:write'] as const
export const apiKeyScope = z.enum(apiKeyScopes)
export type ApiKeyScope = z.infer<typeof apiKeyScope>

/**
 * Whether a key's scopes grant `needed`.
 *
 * @example hasScope(['feed:read'], 'subscriptions:write') // false
 */
export const hasScope = (granted: readonly string[], needed: ApiKeyScope): boolean =>
  granted.includes(needed)
