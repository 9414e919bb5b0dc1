import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet } from 'jose'
import { z } from 'zod'

/** Who is calling, as the token says. */
export interface Principal {
  readonly subject: string
  readonly roles: readonly string[]
}

export interface TokenVerifier {
  /** Resolves to the caller, or rejects with InvalidTokenError. */
  verify(token: string): Promise<Principal>
}

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError'
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'The token has expired' : 'The token is not valid')
  }
}

/**
 * Where the keys come from and whom the tokens must be from and for. With a JWKS URL (a
 * Cognito user pool in AWS) the issuer and the app client are required: a pool's keys
 * sign for every app client of the pool. The local development key set may go without.
 */
export type TokenSource =
  | { readonly jwksUrl: string; readonly issuer: string; readonly audience: string }
  | { readonly jwks: JSONWebKeySet; readonly issuer?: string | undefined; readonly audience?: string | undefined }

/** What Cognito signs: RS256. Pinned, so no token chooses its own algorithm. */
const algorithms = ['RS256']

// Cognito access tokens: `token_use: access`, the app client in `client_id`, the user's
// groups in `cognito:groups`. ID tokens (`token_use: id`) are for the client, not for us.
const claimsSchema = z.object({
  sub: z.string().min(1),
  token_use: z.literal('access'),
  client_id: z.string().optional(),
  'cognito:groups': z.array(z.string()).optional(),
})

/**
 * Verifies bearer JWTs against a JWKS: Cognito's URL in AWS, or the development key's
 * public JWK set under `npm start` and in tests. RS256 only, an expiry required, access
 * tokens only, roles from `cognito:groups` only.
 *
 * @example const verifier = createTokenVerifier({ jwksUrl, issuer, audience: clientId })
 */
export const createTokenVerifier = (source: TokenSource): TokenVerifier => {
  const keySet = 'jwksUrl' in source ? createRemoteJWKSet(new URL(source.jwksUrl)) : createLocalJWKSet(source.jwks)
  const { issuer, audience } = source
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keySet, {
          algorithms,
          requiredClaims: ['exp'],
          ...(issuer ? { issuer } : {}),
        })
        const claims = claimsSchema.parse(payload)
        if (audience && claims.client_id !== audience) throw new InvalidTokenError('invalid')
        return { subject: claims.sub, roles: claims['cognito:groups'] ?? [] }
      } catch (error: unknown) {
        if (error instanceof InvalidTokenError) throw error
        throw new InvalidTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid')
      }
    },
  }
}
