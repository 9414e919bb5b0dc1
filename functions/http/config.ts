import type { JSONWebKeySet } from 'jose'
import { z } from 'zod'
/**
 * The API's own settings beyond its core's, parsed once from the environment by the first
 * request that needs them (the core's, CORS and the limits per caller, are parsed at cold
 * start without zod: core-config.ts; DynamoDB's endpoint, the tables and the webhook
 * target policy by their modules). Each variable is parsed in one place.
 */
export const apiConfigSchema = z
  .object({
    /** Cognito's (or any issuer's) JWKS in AWS. */
    JWKS_URL: z.url().optional(),
    /** Locally: the development key's public JWK set, as JSON (see local/dev-tokens.ts). */
    DEV_JWKS: z.string().optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
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
