import { OpenAPIHono } from '@hono/zod-openapi'
import type { ApiEnv } from '../shared/http/app-env.js'
import { apiProblems } from './problems.js'

/**
 * A router whose zod validation failures become 400 problems listing each field.
 * Every feature's routes start from here so none of them handles validation itself.
 *
 * @example export const feedRoutes = (deps: ApiDeps) => newRouter().openapi(route, handler)
 */
export const newRouter = () =>
  new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      // json and form are both "the body" to a client; query, param and header keep their names.
      const where = result.target === 'json' || result.target === 'form' ? 'body' : result.target
      if (!result.success) throw apiProblems.validationFailed(result.error, where)
    },
  })
