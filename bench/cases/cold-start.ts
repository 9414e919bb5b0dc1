import { execFile } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { tableEnv } from '../../functions/shared/table-names.js'
import { bundleLambda, lambdaEntries } from '../../infra/lambda-bundles.js'
import { generateDevKey } from '../../local/dev-tokens.js'
import type { BenchContext } from '../context.js'
import { median } from '../interleave.js'

const run = promisify(execFile)
const outDir = resolve('bench/.bundles')

const apiEvent = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/health',
  rawQueryString: '',
  headers: {},
  isBase64Encoded: false,
  requestContext: { http: { method: 'GET', path: '/health', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' }, requestId: 'bench', stage: '$default' },
}

/** A fresh node process imports the bundle and serves one request; it reports how long that took. */
const childScript = (file: string, event: unknown) => `
const started = performance.now()
const { handler } = await import(${JSON.stringify(file)})
await handler(${JSON.stringify(event)}, { awsRequestId: 'bench', getRemainingTimeInMillis: () => 30000 })
console.log(JSON.stringify({ ms: performance.now() - started }))
`

const coldStart = async (file: string, event: unknown, env: Record<string, string>) => {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', childScript(file, event)], {
    env: { ...process.env, ...env },
    cwd: resolve('.'),
  })
  return (JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { ms: number }).ms
}

export interface ColdStartResult {
  readonly name: string
  /** What a cold start reads: the entry and the chunks it imports statically. */
  readonly bytes: number
  /** Every chunk deployed, those loaded on first use included. */
  readonly totalBytes: number
  readonly medianMs: number
  /** What it is judged against: bare Hono for the API, the SDK floor for the others. */
  readonly baseline: 'bare Hono' | 'SDK floor'
  readonly baselineMs: number
  /** Our time / the baseline's time, per round: targets in bench/report.ts. */
  readonly ratio: number
  readonly min: number
  readonly max: number
}

export const coldStartCases = async (ctx: BenchContext, rounds: number): Promise<ColdStartResult[]> => {
  mkdirSync(outDir, { recursive: true })
  const bare = await bundleLambda('bare-hono', 'bench/fixtures/bare-hono.ts', outDir)
  const floor = await bundleLambda('sdk-floor', 'bench/fixtures/sdk-floor.ts', outDir)
  const { jwks } = await generateDevKey()
  const env = { ...tableEnv(ctx.names), DYNAMODB_ENDPOINT: ctx.endpoint, DEV_JWKS: JSON.stringify(jwks), AWS_REGION: 'eu-west-3', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', POWERTOOLS_LOG_LEVEL: 'ERROR', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // The notifier's settings (an empty Feed here: it connects to no mail server).
    PUBLIC_URL: 'http://127.0.0.1:3000', MAIL_FROM: 'Délégation Sud <delegation@delegation-sud.localhost>', CONTACT_EMAIL: 'contact@delegation-sud.localhost', SMTP_URL: 'smtp://127.0.0.1:2525' }
  const results: ColdStartResult[] = []
  for (const [name, entry] of Object.entries(lambdaEntries)) {
    if (!existsSync(entry)) continue
    const ours = await bundleLambda(name, entry, outDir)
    const event = name === 'api' ? apiEvent : { Records: [] }
    const [baseline, baselineFile, baselineEvent] =
      name === 'api' ? (['bare Hono', bare.outfile, apiEvent] as const) : (['SDK floor', floor.outfile, {}] as const)
    const ratios: number[] = []
    const oursMs: number[] = []
    const bareMs: number[] = []
    for (let round = 0; round < rounds; round++) {
      const a = await coldStart(ours.outfile, event, env)
      const b = await coldStart(baselineFile, baselineEvent, env)
      oursMs.push(a)
      bareMs.push(b)
      ratios.push(a / b)
    }
    results.push({ name, bytes: ours.startBytes, totalBytes: ours.totalBytes, medianMs: median(oursMs), baseline, baselineMs: median(bareMs), ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) })
  }
  return results
}
