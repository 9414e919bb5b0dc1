import { createRoute, z } from '@hono/zod-openapi'
import { territories } from '../../../domain/shared/territories.js'
import { newRouter } from '../router.js'
import { jsonContent, throttled } from '../schemas/responses.js'

const route = createRoute({
  method: 'get',
  path: '/territories',
  operationId: 'listTerritories',
  security: [],
  summary: 'The territories a start-up can register under (slugs for the form’s select)',
  tags: ['Applications'],
  responses: {
    200: jsonContent(
      z.object({ territories: z.array(z.object({ slug: z.string(), name: z.string() })) }).openapi('Territories'),
      'The published list',
    ),
    ...throttled,
  },
})

/** `GET /territories`: public and cacheable; registration forms build their select from it. */
export const territoryRoutes = () =>
  newRouter().openapi(route, (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    return c.json({ territories: territories.map(({ slug, name }) => ({ slug, name })) }, 200)
  })
