import type { OpenAPIHono } from '@hono/zod-openapi'
import { Hono } from 'hono'
import type { ApiEnv } from '../app-env.js'
import { openApiDocument } from '../contract/openapi-document.js'

const docsPage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Délégation Sud API</title>
    <meta name="viewport" content="width=device-width, initial-scale=1" />
  </head>
  <body>
    <script id="api-reference" data-url="/openapi.json"></script>
    <script src="https://cdn.jsdelivr.net/npm/@scalar/api-reference"></script>
  </body>
</html>`

/**
 * `GET /openapi.json`, generated from the zod schemas that validate the requests,
 * and `GET /docs`, an interactive reference page over it.
 */
export const docsRoutes = (app: OpenAPIHono<ApiEnv>) => {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  })
  return new Hono<ApiEnv>()
    .get('/openapi.json', (c) => c.json(openApiDocument(app, new URL(c.req.url).origin)))
    .get('/docs', (c) => c.html(docsPage))
}
