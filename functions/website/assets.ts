import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Hono } from 'hono'
import { z } from 'zod'

/**
 * The pages' stylesheet and scripts as built by `infra/page-assets.ts` (esbuild): file
 * names carry a hash of their content, so they are cached for a year and a new build is
 * a new URL. Held in memory (a few KiB), served by the API itself.
 */
export interface PageAssets {
  /** `/assets/pages-3F2A….css` for `pages.css`; undefined when the assets were not built. */
  url(source: string): string | undefined
  /** A built file by its hashed name. */
  file(name: string): { readonly body: string; readonly type: string } | undefined
}

/** `{ "pages.css": "pages-3F2A….css", … }`, written by the build beside the files. */
export const manifestName = 'manifest.json'
const manifestSchema = z.record(z.string(), z.string().regex(/^[\w.-]+$/))

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
}

/** No assets: the pages still work (the form needs no script), unstyled. */
export const noPageAssets: PageAssets = { url: () => undefined, file: () => undefined }

/**
 * The built assets of a folder, read once; `noPageAssets` if it holds no build.
 *
 * @example const assets = loadPageAssets('functions/http/page-assets')
 */
export const loadPageAssets = (dir: string): PageAssets => {
  const manifestPath = join(dir, manifestName)
  if (!existsSync(manifestPath)) return noPageAssets
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(manifestPath, 'utf8')))
  const files = new Map(
    Object.values(manifest).map((name) => {
      const type = types[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream'
      return [name, { body: readFileSync(join(dir, name), 'utf8'), type }] as const
    }),
  )
  return {
    url: (source) => (Object.hasOwn(manifest, source) ? `/assets/${manifest[source]}` : undefined),
    file: (name) => files.get(name),
  }
}

/** A year, and never revalidated: the name changes whenever the content does. */
const immutable = 'public, max-age=31536000, immutable'

/**
 * `GET /assets/{name}`: a built file with a year of caching.
 *
 * @example app.route('/', assetRoutes(assets))
 */
export const assetRoutes = (assets: PageAssets) =>
  new Hono().get('/assets/:name', (c) => {
    const found = assets.file(c.req.param('name'))
    // No such file: the app's own 404 problem, as for any unknown path.
    if (!found) return c.notFound()
    return c.body(found.body, 200, {
      'Content-Type': found.type,
      'Cache-Control': immutable,
      'X-Content-Type-Options': 'nosniff',
    })
  })
