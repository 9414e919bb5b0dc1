import type { z } from '@hono/zod-openapi'

/** The OpenAPI fields we set on domain schemas. */
type Metadata = { readonly example?: unknown; readonly description?: string }

/**
 * OpenAPI metadata on a schema from domain/. Those schemas are created before
 * @hono/zod-openapi extends zod (domain/ imports only zod), and zod 4 copies
 * methods onto each instance when it is made, so they lack `.openapi()` unless
 * modules happen to load in another order. A clone made now has it, whatever
 * the order in a bundle.
 *
 * @example id: documented(slug, { example: 'ces-2020' })
 */
export const documented = <T extends z.ZodType>(schema: T, metadata: Metadata): T =>
  schema.clone().openapi(metadata)
