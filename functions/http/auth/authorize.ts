import type { MiddlewareHandler } from 'hono'
import type { ApiEnv } from '../../shared/http/app-env.js'
import { apiProblems } from '../problems.js'
import { InvalidTokenError, type TokenVerifier } from '../../shared/http/token-verifier.js'

type Role = 'admin' | 'reports' | 'partner'

const challenge = (error = 'invalid_token') => `Bearer realm="delegation-sud", error="${error}"`

/**
 * Requires a bearer token carrying one of `roles` (staff are `admin`, reporting
 * jobs `reports`; admins may do what reports may). 401 without a valid token, 403
 * with a valid token lacking the role. The caller lands on `c.var.principal`.
 *
 * @example app.use('/editions/*', authorize(verifier, ['admin']))
 */
export const authorize =
  (verifier: TokenVerifier, roles: readonly Role[]): MiddlewareHandler<ApiEnv> =>
  async (c, next) => {
    const header = c.req.header('Authorization') ?? ''
    const [scheme, token] = header.split(' ')
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw apiProblems.unauthenticated('Send a bearer token', challenge('invalid_request'))
    }
    try {
      const principal = await verifier.verify(token)
      if (!principal.roles.some((role) => roles.includes(role as Role) || role === 'admin')) {
        throw apiProblems.forbidden(`This needs the role ${roles.join(' or ')}`)
      }
      c.set('principal', principal)
    } catch (error: unknown) {
      if (error instanceof InvalidTokenError) {
        throw apiProblems.unauthenticated(error.message, challenge())
      }
      throw error
    }
    await next()
  }

/**
 * The caller if a valid token was sent, without requiring one (public routes that
 * admins may also use, such as a withdrawal).
 *
 * @example router.use('/applications/*', optionalPrincipal(verifier))
 */
export const optionalPrincipal =
  (verifier: TokenVerifier): MiddlewareHandler<ApiEnv> =>
  async (c, next) => {
    const [scheme, token] = (c.req.header('Authorization') ?? '').split(' ')
    if (scheme?.toLowerCase() === 'bearer' && token) {
      const principal = await verifier.verify(token).catch(() => undefined)
      if (principal) c.set('principal', principal)
    }
    await next()
  }
