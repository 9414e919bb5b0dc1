import { splitCommaList } from '../shared/comma-list.js'
import type { RateLimits } from './rate-limits.js'

/** Requests per minute and caller when the stage sets none (`-c publicRateLimit=…`). */
export const defaultRateLimits: RateLimits = { public: 300, partner: 600 }

const perMinute = (name: string, value: string | undefined, fallback: number) => {
  if (value === undefined || value.trim() === '') return fallback
  const limit = Number(value)
  if (!Number.isInteger(limit) || limit < 0 || limit > 1_000_000) throw new Error(`${name} must be a whole number of requests per minute`)
  return limit
}

/**
 * The settings the API's core reads at cold start (CORS, limits per caller), without zod:
 * the Lambda parses them so before loading the routes, whose config.ts checks the same
 * variables, and all others, with zod on first use.
 *
 * @example coreConfigFromEnv({ CORS_ORIGINS: 'https://a.example' }) // { corsOrigins: [...], rateLimits: { public: 300, partner: 600 } }
 */
export const coreConfigFromEnv = (env: NodeJS.ProcessEnv) => ({
  corsOrigins: splitCommaList(env.CORS_ORIGINS),
  rateLimits: {
    public: perMinute('PUBLIC_RATE_LIMIT', env.PUBLIC_RATE_LIMIT, defaultRateLimits.public),
    partner: perMinute('PARTNER_RATE_LIMIT', env.PARTNER_RATE_LIMIT, defaultRateLimits.partner),
  },
})
