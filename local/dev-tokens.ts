import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose'
import { partnerGroupOf, partnerRole } from '../functions/shared/http/token-verifier.js'

/** The development signing key's file: generated on first use, never committed. */
export const devKeyPath = '.local-data/dev-signing-key.json'
export const devIssuer = 'delegation-sud-local'
/** The app client the development tokens are for (Cognito's `client_id`). */
export const devAudience = 'delegation-sud'

/** Cognito signs with RS256, and the API accepts nothing else: so does the local key. */
const alg = 'RS256'

export interface DevKey {
  readonly privateJwk: JWK
  readonly jwks: JSONWebKeySet
}

/** A fresh RS256 key pair, as tests use. */
export const generateDevKey = async (): Promise<DevKey> => {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  const kid = `dev-${Date.now().toString(36)}`
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }
  return { privateJwk: { ...(await exportJWK(privateKey)), kid, alg }, jwks: { keys: [publicJwk] } }
}

/**
 * The key `npm start` verifies with and `npm run token` signs with, so no secret
 * ever sits in the repository: each machine makes its own. A key of another algorithm
 * (the ES256 keys made before RS256 was pinned) is replaced.
 *
 * @example const { jwks } = await loadOrCreateDevKey()
 */
export const loadOrCreateDevKey = async (path = devKeyPath): Promise<DevKey> => {
  if (existsSync(path)) {
    const existing = JSON.parse(readFileSync(path, 'utf8')) as DevKey
    if (existing.privateJwk.alg === alg) return existing
  }
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
 * A bearer token shaped as Cognito's access tokens: `token_use: access`, the app client
 * in `client_id`, the roles in `cognito:groups`.
 *
 * @example await signDevToken(key, { subject: 'staff-1', roles: ['admin'] })
 */
export const signDevToken = async (key: DevKey, { subject, roles, expiresIn = '1h' }: TokenClaims) =>
  new SignJWT({ token_use: 'access', client_id: devAudience, 'cognito:groups': [...roles] })
    .setProtectedHeader({ alg, kid: key.privateJwk.kid ?? 'dev' })
    .setSubject(subject)
    .setIssuer(devIssuer)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(await importJWK(key.privateJwk, alg))

/**
 * A partner's user's token under `npm start`, as Cognito would sign one for a user in the
 * `partner` group and the partner's binding group (`partner:<partnerId>`).
 *
 * @example await signPartnerUserToken(key, 'nice-cote-d-azur')
 */
export const signPartnerUserToken = (
  key: DevKey,
  partnerId: string,
  expiresIn: string | number = '1h',
) =>
  signDevToken(key, {
    subject: `local-partner-${partnerId}`,
    roles: [partnerRole, partnerGroupOf(partnerId)],
    expiresIn,
  })
