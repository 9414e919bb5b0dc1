import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose'

/** The development signing key's file: generated on first use, never committed. */
export const devKeyPath = '.local-data/dev-signing-key.json'
export const devIssuer = 'delegation-sud-local'
export const devAudience = 'delegation-sud'

export interface DevKey {
  readonly privateJwk: JWK
  readonly jwks: JSONWebKeySet
}

/** A fresh ES256 key pair, as tests use. */
export const generateDevKey = async (): Promise<DevKey> => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const kid = `dev-${Date.now().toString(36)}`
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }
  return { privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' }, jwks: { keys: [publicJwk] } }
}

/**
 * The key `npm start` verifies with and `npm run token` signs with, so no secret
 * ever sits in the repository: each machine makes its own.
 *
 * @example const { jwks } = await loadOrCreateDevKey()
 */
export const loadOrCreateDevKey = async (path = devKeyPath): Promise<DevKey> => {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as DevKey
  const key = await generateDevKey()
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, JSON.stringify(key, null, 2), { mode: 0o600 })
  return key
}

export interface TokenClaims {
  readonly subject: string
  readonly roles: readonly string[]
  /** jose duration such as '1h', or an epoch-seconds expiry. */
  readonly expiresIn?: string | number
}

/**
 * A bearer token with a `groups` claim, as Cognito issues them in AWS.
 *
 * @example await signDevToken(key, { subject: 'staff-1', roles: ['admin'] })
 */
export const signDevToken = async (key: DevKey, { subject, roles, expiresIn = '1h' }: TokenClaims) =>
  new SignJWT({ groups: [...roles] })
    .setProtectedHeader({ alg: 'ES256', kid: key.privateJwk.kid ?? 'dev' })
    .setSubject(subject)
    .setIssuer(devIssuer)
    .setAudience(devAudience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(await importJWK(key.privateJwk, 'ES256'))
