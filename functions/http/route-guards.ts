import type { MiddlewareHandler } from 'hono'
import type { ApiEnv } from '../shared/http/app-env.js'
import { authorize, optionalPrincipal } from './auth/authorize.js'
import type { ApiDeps } from './deps.js'
import { idempotency } from './idempotency.js'

/**
 * The middleware each kind of command route runs, in order: who is calling, then
 * idempotency (after authentication, so a replay never answers a caller who could
 * not have made the request).
 *
 * @example router.openapi({ ...openEdition, middleware: guards.admin }, handler)
 */
export const routeGuards = ({ verifier }: Pick<ApiDeps, 'verifier'>) => ({
  admin: [authorize(verifier, ['admin']), idempotency()] as MiddlewareHandler<ApiEnv>[],
  public: [optionalPrincipal(verifier), idempotency()] as MiddlewareHandler<ApiEnv>[],
})
