import { OpenAPIHono } from '@hono/zod-openapi'
import type { ApiEnv } from './app-env.js'
import { validationProblem } from './validation.js'

/**
 * A router whose zod validation failures become 400 problems listing each field.
 * Every feature's routes start from here so none of them handles validation itself.
 *
 * @example export const editionRoutes = (deps: ApiDeps) => newRouter().openapi(openEdition, …)
 */
export const newRouter = () =>
  new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationProblem(result.error, result.target)
    },
  })
