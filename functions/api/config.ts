import { z } from 'zod'

const commaList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))

/** The API's settings, parsed once from the environment at cold start. */
export const apiConfigSchema = z
  .object({
    DYNAMODB_ENDPOINT: z.url().optional(),
    /** Cognito's (or any issuer's) JWKS in AWS. */
    JWKS_URL: z.url().optional(),
    /** Locally: the development key's public JWK set, as JSON (see local/dev-signing-key.ts). */
    DEV_JWKS: z.string().optional(),
    JWT_ISSUER: z.string().optional(),
    JWT_AUDIENCE: z.string().optional(),
    CORS_ORIGINS: commaList,
  })
  .refine((env) => env.JWKS_URL || env.DEV_JWKS, {
    message: 'Set JWKS_URL (AWS) or DEV_JWKS (local development) to verify tokens',
  })

export type ApiConfig = z.infer<typeof apiConfigSchema>
