import type { MiddlewareHandler } from 'hono'
import type { ApiEnv } from '../shared/http/app-env.js'
import { apiProblems } from './problems.js'

/**
 * For a route that takes its body in more than one media type (JSON or a form), whose
 * OpenAPI entry must then say `required: false`: with no Content-Type, @hono/zod-openapi
 * validates neither and hands the handler an empty, unvalidated object. This refuses such a
 * request (415, saying what to send) before the validators run.
 *
 * @example router.openapi({ ...route, middleware: [...guards.public, bodyRequired()] }, handler)
 */
export const bodyRequired = (): MiddlewareHandler<ApiEnv> => async (c, next) => {
  if (!c.req.header('Content-Type')) throw apiProblems.unsupportedMediaType()
  await next()
}
