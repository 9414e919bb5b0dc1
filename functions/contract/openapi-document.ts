import type { OpenAPIHono } from '@hono/zod-openapi'
import type { ApiEnv } from '../shared/http/app-env.js'
import { contractInfo, contractServers, contractTags } from './document-info.js'

/**
 * The OpenAPI 3.1 document of `app`: its routes and webhooks (both generated from zod
 * schemas), with the document's own information and the server it was served from.
 *
 * @example c.json(openApiDocument(app, new URL(c.req.url).origin))
 */
export const openApiDocument = (app: OpenAPIHono<ApiEnv>, origin: string) =>
  app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { ...contractInfo },
    servers: contractServers(origin),
    tags: contractTags,
  })
