import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { referenceBundleName } from '../../functions/http/routes/docs.js'
import { tableEnv, tableNamesForPrefix } from '../../functions/shared/table-names.js'
import { bundleLambda, lambdaEntries } from '../../infra/lambda-bundles.js'
import { generateDevKey } from '../../local/dev-tokens.js'

const run = promisify(execFile)

/** The API's bundle, as deployed, booted in a fresh node process and asked for two pages. */
const serveOnce = async (outfile: string, path: string, env: Record<string, string>, body?: unknown) => {
  const method = body === undefined ? 'GET' : 'POST'
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' }, requestId: 'r', stage: '$default' },
  }
  const script = `const { handler } = await import(${JSON.stringify(outfile)})
const result = await handler(${JSON.stringify(event)}, {})
console.log(JSON.stringify(result))`
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...env },
    cwd: resolve('.'),
    maxBuffer: 64 * 1024 * 1024,
  })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { statusCode: number; body: string }
}

describe('the API Lambda bundle', () => {
  it('boots from its minified ESM bundle, serves /health and /openapi.json, and explains errors in English', async () => {
    // Inside the repo, so the bundle finds the AWS SDK in node_modules as Lambda's runtime provides it.
    mkdirSync(resolve('node_modules/.cache'), { recursive: true })
    const outDir = mkdtempSync(resolve('node_modules/.cache/bundle-'))
    const { outfile } = await bundleLambda('api', lambdaEntries.api, outDir)
    const { jwks } = await generateDevKey()
    const env = { ...tableEnv(tableNamesForPrefix('boot')), DEV_JWKS: JSON.stringify(jwks), AWS_REGION: 'eu-west-3', POWERTOOLS_LOG_LEVEL: 'ERROR' }
    const health = await serveOnce(outfile, '/health', env)
    expect(health.statusCode, health.body).toBe(200)
    const openapi = await serveOnce(outfile, '/openapi.json', env)
    expect(openapi.statusCode).toBe(200)
    expect(JSON.parse(openapi.body).paths['/editions/{editionId}/applications']).toBeDefined()
    // The reference's script travels beside the bundle, and fits a Lambda answer (6 MB).
    expect(existsSync(join(dirname(outfile), referenceBundleName))).toBe(true)
    const script = await serveOnce(outfile, '/docs/scalar.js', env)
    expect(script.statusCode).toBe(200)
    expect(Buffer.byteLength(script.body)).toBe(statSync(join(dirname(outfile), referenceBundleName)).size)
    expect(Buffer.byteLength(JSON.stringify(script))).toBeLessThan(6 * 1024 * 1024)
    // Only English error messages are bundled (infra/lambda-bundles.ts): they must still be there.
    const invalid = await serveOnce(outfile, '/editions/ces-2020/applications', env, { pitch: 42 })
    expect(invalid.statusCode).toBe(400)
    expect(JSON.parse(invalid.body).errors).toContainEqual(
      expect.objectContaining({ field: 'pitch', message: expect.stringMatching(/^Invalid input: expected string/) }),
    )
  }, 60_000)
})
