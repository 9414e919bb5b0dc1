import { z } from 'zod'
import { commaList } from '../shared/environment.js'

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
    JWT_ISSUER: z.string().optional(),
    JWT_AUDIENCE: z.string().optional(),
    CORS_ORIGINS: commaList,
    /** Cognito's managed login for the staff pages (AWS only): its domain and web client. */
    STAFF_LOGIN_DOMAIN: z.url().optional(),
    STAFF_LOGIN_CLIENT_ID: z.string().min(1).optional(),
  })
  .refine((env) => env.JWKS_URL || env.DEV_JWKS, {
    message: 'Set JWKS_URL (AWS) or DEV_JWKS (local development) to verify tokens',
  })
