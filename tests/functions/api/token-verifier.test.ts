import { SignJWT, importJWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { createTokenVerifier } from '../../../functions/api/auth/token-verifier.js'
import { generateDevKey } from '../../../local/dev-tokens.js'

const sign = async (claims: Record<string, unknown>) => {
  const key = await generateDevKey()
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: key.privateJwk.kid ?? 'k' })
    .setSubject('staff-1')
    .setIssuer('https://cognito-idp.eu-west-3.amazonaws.com/pool')
    .setExpirationTime('1h')
    .sign(await importJWK(key.privateJwk, 'ES256'))
  const verifier = createTokenVerifier({ jwks: key.jwks }, { issuer: 'https://cognito-idp.eu-west-3.amazonaws.com/pool', audience: 'app-client' })
  return { token, verifier }
}

describe('token verifier', () => {
  it('accepts a Cognito ID token (aud) and access token (client_id) for our app client, with their groups', async () => {
    for (const claims of [{ aud: 'app-client', 'cognito:groups': ['admin'] }, { client_id: 'app-client', token_use: 'access', 'cognito:groups': ['reports'] }]) {
      const { token, verifier } = await sign(claims)
      const principal = await verifier.verify(token)
      expect(principal.subject).toBe('staff-1')
      expect(principal.roles).toEqual(claims['cognito:groups'])
    }
  })

  it('refuses a token for another app client', async () => {
    const { token, verifier } = await sign({ client_id: 'other-client', 'cognito:groups': ['admin'] })
    await expect(verifier.verify(token)).rejects.toMatchObject({ name: 'InvalidTokenError', reason: 'invalid' })
  })
})
