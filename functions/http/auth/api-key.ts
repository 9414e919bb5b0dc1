import type { Context } from 'hono'
import { hasScope, type ApiKeyScope } from '../../../domain/partner-access/scopes.js'
import { partnerAccessProblems } from '../../partner-access/problems.js'
import type { ApiEnv } from '../../shared/http/app-env.js'
import type { ApiDeps } from '../deps.js'
import { apiProblems } from '../problems.js'
import { authorize } from './authorize.js'

/** A partner calling with its API key. */
interface PartnerCaller {
  readonly kind: 'partner'
  readonly partnerId: string
  readonly keyId: string
}

/** Région staff calling with an admin bearer token. */
interface StaffCaller {
  readonly kind: 'staff'
  readonly subject: string
}

type Caller = PartnerCaller | StaffCaller

const challenge = 'ApiKey realm="delegation-sud", header="X-Api-Key"'

/**
 * The partner behind `X-Api-Key`, whose key must grant `scope`: 401 without a key or
 * with a wrong, revoked or expired one (the same answer, to tell an attacker nothing),
 * 403 with a valid key lacking the scope.
 *
 * @example const { partnerId } = await requirePartner(c, deps, 'feed:read')
 */
export const requirePartner = async (
  c: Context<ApiEnv>,
  { apiKeys, clock }: Pick<ApiDeps, 'apiKeys' | 'clock'>,
  scope: ApiKeyScope,
): Promise<PartnerCaller> => {
  const presented = c.req.header('X-Api-Key')
  if (!presented) throw apiProblems.unauthenticated('Send your API key in X-Api-Key', challenge)
  const key = await apiKeys.authenticate(presented.trim(), clock())
  if (!key) throw apiProblems.unauthenticated('The API key is not valid, or was revoked', challenge)
  if (!hasScope(key.scopes, scope)) throw partnerAccessProblems.insufficientScope(scope)
  return { kind: 'partner', partnerId: key.partnerId, keyId: key.keyId }
}

/**
 * A partner by API key (with `scope`), or staff by an admin bearer token: routes that
 * staff may use too (to list every subscription and see why one was disabled).
 *
 * @example const caller = await requireCaller(c, deps, 'subscriptions:write')
 */
export const requireCaller = async (
  c: Context<ApiEnv>,
  deps: ApiDeps,
  scope: ApiKeyScope,
): Promise<Caller> => {
  if (c.req.header('X-Api-Key') !== undefined || c.req.header('Authorization') === undefined) {
    return requirePartner(c, deps, scope)
  }
  await authorize(deps.verifier, ['admin'])(c as Context<ApiEnv, string>, async () => {})
  return { kind: 'staff', subject: c.var.principal?.subject ?? 'staff' }
}
