import type { Context } from 'hono'
import { hasScope, type ApiKeyScope } from '../../../domain/partner-access/scopes.js'
import { partnerAccessProblems } from '../../partner-access/problems.js'
import type { ApiEnv } from '../../shared/http/app-env.js'
import { InvalidTokenError, type Principal } from '../../shared/http/token-verifier.js'
import type { ApiDeps } from '../deps.js'
import { apiProblems } from '../problems.js'
import { presentedKey } from './presented-key.js'

/** A partner calling with its API key, or one of its people with their token (the portal). */
interface PartnerCaller {
  readonly kind: 'partner'
  readonly partnerId: string
  /** Who acts, as recorded (`createdBy`): the key's id, or `user:<subject>` for a person. */
  readonly actor: string
  /** The API key it called with; undefined for a partner's user. */
  readonly keyId?: string
}

/** Région staff calling with an admin bearer token. */
interface StaffCaller {
  readonly kind: 'staff'
  readonly subject: string
}

type Caller = PartnerCaller | StaffCaller

const challenge = 'ApiKey realm="delegation-sud", header="X-Api-Key"'
const bearerChallenge = 'Bearer realm="delegation-sud", error="invalid_token"'

const bearerOf = (c: Context<ApiEnv>): string | undefined => {
  const [scheme, token] = (c.req.header('Authorization') ?? '').split(' ')
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined
}

/** The caller a valid bearer token names: 401 for a token that does not verify. */
const principalOf = async (
  c: Context<ApiEnv>,
  deps: Pick<ApiDeps, 'verifier'>,
  token: string,
): Promise<Principal> => {
  try {
    return await deps.verifier.verify(token)
  } catch (error: unknown) {
    if (error instanceof InvalidTokenError)
      throw apiProblems.unauthenticated(error.message, bearerChallenge)
    throw error
  }
}

/** A partner's user acts for its partner with every partner scope: the portal is theirs. */
const asPartnerUser = (
  c: Context<ApiEnv>,
  principal: Principal & { partnerId: string },
): PartnerCaller => {
  c.set('principal', principal)
  return { kind: 'partner', partnerId: principal.partnerId, actor: `user:${principal.subject}` }
}

/**
 * The partner behind `X-Api-Key`, whose key must grant `scope`: 401 without a key or
 * with a wrong, revoked or expired one (the same answer, to tell an attacker nothing),
 * 403 with a valid key lacking the scope. Without a key, a bearer token of a partner's
 * user (the portal's calls) stands for its partner, the one its groups bind it to
 * (token-verifier.ts); any other token is 403.
 *
 * @example const { partnerId } = await requirePartner(c, deps, 'feed:read')
 */
export const requirePartner = async (
  c: Context<ApiEnv>,
  deps: Pick<ApiDeps, 'apiKeys' | 'clock' | 'verifier'>,
  scope: ApiKeyScope,
): Promise<PartnerCaller> => {
  const presented = c.req.header('X-Api-Key')
  const token = presented === undefined ? bearerOf(c) : undefined
  if (token) {
    const principal = await principalOf(c, deps, token)
    if (principal.partnerId === undefined)
      throw apiProblems.forbidden('This needs a partner’s API key or a partner’s user')
    return asPartnerUser(c, { ...principal, partnerId: principal.partnerId })
  }
  if (!presented) throw apiProblems.unauthenticated('Send your API key in X-Api-Key', challenge)
  const key = await presentedKey(c, deps.apiKeys, deps.clock())
  if (!key) throw apiProblems.unauthenticated('The API key is not valid, or was revoked', challenge)
  if (!hasScope(key.scopes, scope)) throw partnerAccessProblems.insufficientScope(scope)
  return { kind: 'partner', partnerId: key.partnerId, actor: key.keyId, keyId: key.keyId }
}

/**
 * A partner by API key (with `scope`) or by one of its users' tokens, or staff by an
 * admin bearer token: routes that staff may use too (to list every subscription and see
 * why one was disabled).
 *
 * @example const caller = await requireCaller(c, deps, 'subscriptions:write')
 */
export const requireCaller = async (
  c: Context<ApiEnv>,
  deps: ApiDeps,
  scope: ApiKeyScope,
): Promise<Caller> => {
  const token = c.req.header('X-Api-Key') === undefined ? bearerOf(c) : undefined
  if (!token) return requirePartner(c, deps, scope)
  const principal = await principalOf(c, deps, token)
  if (principal.partnerId !== undefined)
    return asPartnerUser(c, { ...principal, partnerId: principal.partnerId })
  // Admins may do anything (authorize.ts); reporting jobs and other groups may not do this.
  if (!principal.roles.includes('admin')) throw apiProblems.forbidden('This needs the role admin')
  c.set('principal', principal)
  return { kind: 'staff', subject: principal.subject }
}
