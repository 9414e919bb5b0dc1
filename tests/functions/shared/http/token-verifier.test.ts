import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { createTokenVerifier } from '../../../../functions/shared/http/token-verifier.js'
import { apiConfigSchema } from '../../../../functions/http/config.js'
import { devAudience, devIssuer, generateDevKey, loadOrCreateDevKey, signDevToken } from '../../../../local/dev-tokens.js'

const issuer = 'https://cognito-idp.eu-west-3.amazonaws.com/pool'
const audience = 'app-client'

/** A key pair of any algorithm, its public half in a JWK set as Cognito publishes it. */
const keyPair = async (alg: string) => {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  const kid = `k-${alg}`
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }
  return { privateKey, kid, alg, jwks: { keys: [jwk] } }
}

/** A Cognito access token for our app client, with `claims` changed or removed (undefined). */
const accessToken = async (key: Awaited<ReturnType<typeof keyPair>>, claims: Record<string, unknown> = {}, { exp = true } = {}) => {
  const payload = Object.fromEntries(
    Object.entries({ token_use: 'access', client_id: audience, 'cognito:groups': ['admin'], ...claims }).filter(([, v]) => v !== undefined),
  )
  const jwt = new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid }).setSubject('staff-1').setIssuer(issuer).setIssuedAt()
  return (exp ? jwt.setExpirationTime('1h') : jwt).sign(key.privateKey)
}

const verifierFor = (key: { jwks: { keys: JWK[] } }) => createTokenVerifier({ jwks: key.jwks, issuer, audience })

describe('token verifier', () => {
  it('accepts a Cognito access token for our app client, with its groups as roles', async () => {
    const key = await keyPair('RS256')
    const principal = await verifierFor(key).verify(await accessToken(key, { 'cognito:groups': ['reports'] }))
    expect(principal).toEqual({ subject: 'staff-1', roles: ['reports'] })
  })

  it('refuses a token for another app client', async () => {
    const key = await keyPair('RS256')
    const token = await accessToken(key, { client_id: 'other-client' })
    await expect(verifierFor(key).verify(token)).rejects.toMatchObject({ name: 'InvalidTokenError', reason: 'invalid' })
  })

  it.each(['ES256', 'PS256', 'EdDSA'])('refuses a token signed with %s, even by a key in the set: RS256 only', async (alg) => {
    const key = await keyPair(alg)
    await expect(verifierFor(key).verify(await accessToken(key))).rejects.toMatchObject({ name: 'InvalidTokenError' })
  })

  it('refuses an HS256 token made with the public key as its secret', async () => {
    const key = await keyPair('RS256')
    const secret = new TextEncoder().encode(JSON.stringify(key.jwks.keys[0]))
    const token = await new SignJWT({ token_use: 'access', client_id: audience, 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .setSubject('x')
      .setIssuer(issuer)
      .setExpirationTime('1h')
      .sign(secret)
    await expect(verifierFor(key).verify(token)).rejects.toMatchObject({ name: 'InvalidTokenError' })
  })

  it('refuses a token without an expiry', async () => {
    const key = await keyPair('RS256')
    await expect(verifierFor(key).verify(await accessToken(key, {}, { exp: false }))).rejects.toMatchObject({ name: 'InvalidTokenError' })
  })

  it.each([['an ID token', 'id'], ['a token without token_use', undefined], ['a refresh-like token', 'refresh']])(
    'refuses %s',
    async (_, tokenUse) => {
      const key = await keyPair('RS256')
      const token = await accessToken(key, { token_use: tokenUse, aud: audience })
      await expect(verifierFor(key).verify(token)).rejects.toMatchObject({ name: 'InvalidTokenError' })
    },
  )

  it('reads roles from cognito:groups only', async () => {
    const key = await keyPair('RS256')
    const token = await accessToken(key, { 'cognito:groups': undefined, groups: ['admin'], roles: ['admin'] })
    expect((await verifierFor(key).verify(token)).roles).toEqual([])
  })

  it('binds a partner’s user to the partner of its one binding group, from cognito:groups only', async () => {
    const key = await keyPair('RS256')
    const verify = async (claims: Record<string, unknown>) =>
      verifierFor(key).verify(await accessToken(key, claims))
    expect(await verify({ 'cognito:groups': ['partner', 'partner:toulon'] })).toEqual({
      subject: 'staff-1',
      roles: ['partner', 'partner:toulon'],
      partnerId: 'toulon',
    })
    // Without the partner role, or bound to two partners, or by any other claim: no partner.
    for (const claims of [
      { 'cognito:groups': ['partner:toulon'] },
      { 'cognito:groups': ['partner', 'partner:toulon', 'partner:nice'] },
      { 'cognito:groups': ['partner'], 'custom:partnerId': 'toulon', partnerId: 'toulon' },
      { 'cognito:groups': ['partner', 'partner:Toulon Provence'] },
    ]) {
      expect((await verify(claims)).partnerId, JSON.stringify(claims)).toBeUndefined()
    }
  })

  it('refuses a token from another issuer', async () => {
    const key = await keyPair('RS256')
    const token = await new SignJWT({ token_use: 'access', client_id: audience, 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setSubject('x')
      .setIssuer('https://cognito-idp.eu-west-3.amazonaws.com/someone-else')
      .setExpirationTime('1h')
      .sign(key.privateKey)
    await expect(verifierFor(key).verify(token)).rejects.toMatchObject({ name: 'InvalidTokenError' })
  })
})

describe('the development tokens', () => {
  it('are RS256 access tokens with the Cognito groups claim, as in AWS', async () => {
    const key = await generateDevKey()
    const token = await signDevToken(key, { subject: 'local-admin', roles: ['admin'] })
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()))
    expect(header.alg).toBe('RS256')
    expect(payload).toMatchObject({ token_use: 'access', client_id: devAudience, iss: devIssuer, 'cognito:groups': ['admin'] })
    expect(payload.groups).toBeUndefined()
    const verifier = createTokenVerifier({ jwks: key.jwks, issuer: devIssuer, audience: devAudience })
    expect(await verifier.verify(token)).toEqual({ subject: 'local-admin', roles: ['admin'] })
  })

  it('replace a development key of another algorithm left in .local-data', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'dev-key-')), 'key.json')
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
    const old = { privateJwk: { ...(await exportJWK(privateKey)), alg: 'ES256' }, jwks: { keys: [{ ...(await exportJWK(publicKey)), alg: 'ES256' }] } }
    writeFileSync(path, JSON.stringify(old))
    const key = await loadOrCreateDevKey(path)
    expect(key.privateJwk.alg).toBe('RS256')
    expect(JSON.parse(readFileSync(path, 'utf8')).privateJwk.alg).toBe('RS256')
    expect(await loadOrCreateDevKey(path)).toEqual(key)
  })
})

describe('the API settings', () => {
  const env = { JWKS_URL: 'https://cognito-idp.eu-west-3.amazonaws.com/pool/.well-known/jwks.json', JWT_ISSUER: issuer, JWT_AUDIENCE: audience }

  it.each(['JWT_ISSUER', 'JWT_AUDIENCE'])('refuse a JWKS URL without %s', (name) => {
    const { [name as keyof typeof env]: _, ...rest } = env
    expect(apiConfigSchema.safeParse(rest).success).toBe(false)
  })

  it('take a JWKS URL with both', () => {
    expect(apiConfigSchema.safeParse(env).success).toBe(true)
  })
})
