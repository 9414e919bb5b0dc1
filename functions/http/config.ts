import type { JSONWebKeySet } from 'jose'
import { z } from 'zod'
import { commaList } from '../shared/environment.js'
import { defaultRateLimits } from './core-config.js'

const perMinute = z.coerce.number().int().min(0).max(1_000_000)

/**
 * The API's own settings, parsed once from the environment at cold start (DynamoDB's
 * endpoint, the tables and the webhook target policy are parsed by their modules).
 */
export const apiConfigSchema = z
  .object({
    /** Cognito's (or any issuer's) JWKS in AWS. */
    JWKS_URL: z.url().optional(),
    /** Locally: the development key's public JWK set, as JSON (see local/dev-tokens.ts). */
    DEV_JWKS: z.string().optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    CORS_ORIGINS: commaList,
    /**
     * Requests per minute per client address on everything but staff and partner calls;
     * 0 turns the limit off (load tests, the benchmark). Generous: an incubator's
     * start-ups may all apply from one address in the last hour before a deadline.
     */
    PUBLIC_RATE_LIMIT: perMinute.default(defaultRateLimits.public),
    /** Requests per minute per partner API key; 0 turns the limit off. */
    PARTNER_RATE_LIMIT: perMinute.default(defaultRateLimits.partner),
    /** Live webhook subscriptions one partner may hold (each is matched on every event). */
    MAX_SUBSCRIPTIONS_PER_PARTNER: z.coerce.number().int().min(1).max(1_000).default(20),
    /** Cognito's managed login for the staff pages (AWS only): its domain and web client. */
    STAFF_LOGIN_DOMAIN: z.url().optional(),
    STAFF_LOGIN_CLIENT_ID: z.string().min(1).optional(),
  })
  .refine((env) => env.JWKS_URL || env.DEV_JWKS, {
    message: 'Set JWKS_URL (AWS) or DEV_JWKS (local development) to verify tokens',
  })
  // A user pool's keys sign for all its app clients: never trust them without both checks.
  .refine((env) => !env.JWKS_URL || (env.JWT_ISSUER && env.JWT_AUDIENCE), {
    message: 'With JWKS_URL, set JWT_ISSUER and JWT_AUDIENCE too',
  })

/**
 * Where the verifier gets its keys, from the parsed settings.
 *
 * @example const verifier = createTokenVerifier(tokenSourceOf(config))
 */
export const tokenSourceOf = (config: z.infer<typeof apiConfigSchema>) =>
  config.JWKS_URL && config.JWT_ISSUER && config.JWT_AUDIENCE
    ? { jwksUrl: config.JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }
    : { jwks: JSON.parse(config.DEV_JWKS ?? '{"keys":[]}') as JSONWebKeySet, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }
