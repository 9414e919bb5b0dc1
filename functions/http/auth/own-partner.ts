import type { MiddlewareHandler } from 'hono'
import type { ApiEnv } from '../../shared/http/app-env.js'
import type { TokenVerifier } from '../../shared/http/token-verifier.js'
import { apiProblems } from '../problems.js'
import { authorize } from './authorize.js'

/**
 * Staff (`admin`), or a user of the partner the path names (`:partnerId`): what the
 * routes under `/partners/{partnerId}/…` that a partner may also use ask. Another
 * partner's user, or a reporting job, is 403; no valid token is 401 (authorize.ts).
 *
 * @example router.use('/partners/:partnerId/keys', staffOrOwnPartner(verifier))
 */
export const staffOrOwnPartner =
  (verifier: TokenVerifier): MiddlewareHandler<ApiEnv> =>
  async (c, next) => {
    // Staff and partners' users pass this first step (authorize.ts), a reporting job does not…
    await authorize(verifier, ['partner'])(c, async () => {})
    const principal = c.var.principal
    const own =
      principal?.partnerId !== undefined && principal.partnerId === c.req.param('partnerId')
    // …then only staff, and a partner's own people.
    if (!principal?.roles.includes('admin') && !own) {
      throw apiProblems.forbidden('This needs the role admin, or to be one of this partner’s users')
    }
    await next()
  }

/** Whether the caller is one of a partner's users rather than staff (set by staffOrOwnPartner). */
export const isPartnerUser = (
  principal: { readonly roles: readonly string[]; readonly partnerId?: string } | undefined,
) => principal?.partnerId !== undefined && !principal.roles.includes('admin')
