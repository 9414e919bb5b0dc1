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
 * The settings the API's core reads at cold start, without zod, and their one parse:
 * CORS_ORIGINS, and PUBLIC_RATE_LIMIT / PARTNER_RATE_LIMIT, requests per minute per client
 * address (everything but staff and partner calls) and per partner API key, 0 for none
 * (load tests, the benchmark); generous, as an incubator's start-ups may all apply from
 * one address in the last hour before a deadline. The rest is config.ts's, with zod.
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
