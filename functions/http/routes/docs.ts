import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { Scalar } from '@scalar/hono-api-reference'
import { Hono, type MiddlewareHandler } from 'hono'
import type { ApiEnv } from '../../shared/http/app-env.js'
import { openApiDocument } from '../../contract/openapi-document.js'
import { pageSecurityHeaders } from '../security-headers.js'

/** The reference's script as the Lambda bundle carries it (infra/lambda-bundles.ts). */
export const referenceBundleName = 'scalar-api-reference.js'

/**
 * Where the API reference's browser bundle is: beside the Lambda bundle, where the build
 * copies it, or else in the npm package `@scalar/api-reference` itself (npm start, tests).
 *
 * @example readFileSync(referenceBundlePath())
 */
export const referenceBundlePath = (): string => {
  const beside = join(dirname(fileURLToPath(import.meta.url)), referenceBundleName)
  if (existsSync(beside)) return beside
  const entry = createRequire(import.meta.url).resolve('@scalar/api-reference')
  return join(dirname(entry), 'browser', 'standalone.js')
}

// Read on first use (4 MB): most Lambda containers never serve the reference.
let bundle: Buffer | undefined
const referenceBundle = () => (bundle ??= readFileSync(referenceBundlePath()))
let integrity: string | undefined
const referenceIntegrity = () =>
  (integrity ??= `sha384-${createHash('sha384').update(referenceBundle()).digest('base64')}`)

const scriptPath = '/docs/scalar.js'

/**
 * Gives the page's `<script src="/docs/scalar.js">` the bundle's Subresource Integrity
 * hash: the browser runs the script only if its bytes are the package's, whatever a cache
 * or proxy between us and it did.
 */
const withIntegrity: MiddlewareHandler<ApiEnv> = async (c, next) => {
  await next()
  if (c.res.status !== 200) return
  const page = await c.res.text()
  const tag = `<script src="${scriptPath}"`
  c.res = new Response(page.replace(tag, `${tag} integrity="${referenceIntegrity()}"`), c.res)
}

const title = 'Délégation Sud API'

/**
 * `GET /openapi.json`, generated from the zod schemas that validate the requests, and
 * `GET /docs`, the interactive reference over it, whose script (`/docs/scalar.js`) comes
 * from the npm package: nothing is fetched from a CDN at run time, and the page's policy
 * lets nothing else run.
 */
export const docsRoutes = (app: OpenAPIHono<ApiEnv>) => {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A Cognito access token: staff (`admin`), reporting jobs (`reports`), or a partner’s user ' +
      '(`partner` and its `partner:<partnerId>` group: acts for that partner, as its API key would)',
  })
  return new Hono<ApiEnv>()
    .get('/openapi.json', (c) => c.json(openApiDocument(app, new URL(c.req.url).origin)))
    .get(
      '/docs',
      pageSecurityHeaders(),
      withIntegrity,
      Scalar<ApiEnv>((c) => ({
        url: '/openapi.json',
        pageTitle: title,
        // The classic (UMD) standalone bundle, one file, from our own origin.
        cdn: scriptPath,
        nonce: c.get('secureHeadersNonce'),
        // Its default fonts come from fonts.scalar.com: the system's do.
        withDefaultFonts: false,
      })),
    )
    .get(scriptPath, pageSecurityHeaders(), (c) =>
      c.body(new Uint8Array(referenceBundle()), 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=3600',
      }),
    )
}
