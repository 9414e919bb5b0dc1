import type { OpenAPIHono } from '@hono/zod-openapi'
import { Hono } from 'hono'
import type { ApiEnv } from '../../shared/http/app-env.js'
import { asyncApiDocument } from '../../contract/asyncapi.js'
import { eventSchemasPath } from '../../contract/event-catalogue.js'
import { eventSchemasDocument } from '../../contract/event-schemas.js'
import { registerWebhooks } from '../../contract/openapi-webhooks.js'

/** Generated once per process: they depend on the code only (and the origin, kept apart). */
const cached = <T>(build: (origin: URL) => T) => {
  const byOrigin = new Map<string, T>()
  return (origin: URL) => {
    const known = byOrigin.get(origin.origin)
    if (known) return known
    const built = build(origin)
    byOrigin.set(origin.origin, built)
    return built
  }
}

/**
 * The partners' contract beside the OpenAPI document: registers the `webhooks` section on
 * `app`, and serves `GET /asyncapi.json` (AsyncAPI 3.0: the webhook channel and the feed)
 * and `GET /schemas/events.json` (JSON Schema of every event type and version). Public,
 * like `/openapi.json`.
 *
 * @example app.route('/', contractRoutes(app))
 */
export const contractRoutes = (app: OpenAPIHono<ApiEnv>) => {
  registerWebhooks(app)
  const asyncApi = cached(asyncApiDocument)
  const schemas = cached((origin) => eventSchemasDocument(origin.origin))
  return new Hono<ApiEnv>()
    .get('/asyncapi.json', (c) => c.json(asyncApi(new URL(c.req.url))))
    .get(eventSchemasPath, (c) => c.json(schemas(new URL(c.req.url))))
}
