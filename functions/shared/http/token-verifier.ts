import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet } from 'jose'
import { z } from 'zod'

/** Who is calling, as the token says. */
export interface Principal {
  readonly subject: string
  readonly roles: readonly string[]
  /**
   * The partner a partner's user acts for: set only for a token in the `partner` group and
   * in exactly one binding group `partner:<partnerId>` (see partnerBindingOf).
   */
  readonly partnerId?: string
}

/** The role of a partner's people in the portal (a Cognito group, like `admin`). */
export const partnerRole = 'partner'

/** The group that binds a partner's user to its partner: `partner:nice-cote-d-azur`. */
export const partnerGroupOf = (partnerId: string) => `${partnerRole}:${partnerId}`

const partnerIdPattern = /^partner:([a-z0-9]+(?:-[a-z0-9]+)*)$/

/**
 * The partner a token's groups bind its holder to: its one `partner:<partnerId>` group, if
 * the token is also in the `partner` group. Groups, not a custom attribute: Cognito puts
 * `cognito:groups` in the access token the API verifies, and only an administrator can
 * change a user's groups, whereas a custom attribute is absent from access tokens and
 * writable by the user unless every app client forbids it. Two binding groups are an
 * error of whoever added the second: the token then acts for no partner.
 *
 * @example partnerBindingOf(['partner', 'partner:toulon']) // 'toulon'
 */
export const partnerBindingOf = (groups: readonly string[]): string | undefined => {
  if (!groups.includes(partnerRole)) return undefined
  const bound = groups.flatMap((group) => partnerIdPattern.exec(group)?.[1] ?? [])
  return bound.length === 1 ? bound[0] : undefined
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
 * tokens only, roles from `cognito:groups` only, and a partner's user's partner from them
 * too (partnerBindingOf), never from a claim the user could choose.
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
        const roles = claims['cognito:groups'] ?? []
        const partnerId = partnerBindingOf(roles)
        return { subject: claims.sub, roles, ...(partnerId ? { partnerId } : {}) }
      } catch (error: unknown) {
        if (error instanceof InvalidTokenError) throw error
        throw new InvalidTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid')
      }
    },
  }
}
