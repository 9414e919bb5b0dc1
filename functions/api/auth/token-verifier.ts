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

type KeySource =
  | { readonly jwksUrl: string }
  | { readonly jwks: JSONWebKeySet }

interface VerifierOptions {
  readonly issuer?: string | undefined
  readonly audience?: string | undefined
}

// Cognito puts groups in `cognito:groups`; our development tokens use `groups`.
const claimsSchema = z.object({
  sub: z.string().min(1),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  client_id: z.string().optional(),
  groups: z.array(z.string()).optional(),
  'cognito:groups': z.array(z.string()).optional(),
  roles: z.array(z.string()).optional(),
})

/**
 * Cognito ID tokens name the app client in `aud`; its access tokens, in `client_id`.
 * Either is for us when it names our client.
 */
const isFor = (claims: z.infer<typeof claimsSchema>, audience: string) =>
  claims.client_id === audience || [claims.aud ?? []].flat().includes(audience)

/**
 * Verifies bearer JWTs against a JWKS: Cognito's URL in AWS, or the development
 * key's public JWK set under `npm start` and in tests.
 *
 * @example const verifier = createTokenVerifier({ jwksUrl: 'https://cognito-idp…/jwks.json' })
 */
export const createTokenVerifier = (keys: KeySource, options: VerifierOptions = {}): TokenVerifier => {
  const keySet = 'jwksUrl' in keys ? createRemoteJWKSet(new URL(keys.jwksUrl)) : createLocalJWKSet(keys.jwks)
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keySet, options.issuer ? { issuer: options.issuer } : {})
        const claims = claimsSchema.parse(payload)
        if (options.audience && !isFor(claims, options.audience)) throw new InvalidTokenError('invalid')
        const roles = [...(claims.groups ?? []), ...(claims['cognito:groups'] ?? []), ...(claims.roles ?? [])]
        return { subject: claims.sub, roles }
      } catch (error: unknown) {
        if (error instanceof InvalidTokenError) throw error
        throw new InvalidTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid')
      }
    },
  }
}
