import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * Loaded before the bundle (`node --import`): it notes every environment variable the
 * process reads (process.env behind a Proxy), and who read it: the source file of the
 * innermost frame, through the bundle's source map (the template's NODE_OPTIONS turns
 * them on); at exit it writes them out. It also sends the fetches to an AWS host that
 * the SDK's endpoint settings cannot redirect (Cognito's JWKS) to its stand-in on
 * loopback, path and query kept.
 */
const preloadSource = (readsFile: string, fetchStandIns: Record<string, string>) => String.raw`
import { writeFileSync } from 'node:fs'
const reads = {}
const here = import.meta.url
const note = (key) => {
  if (typeof key !== 'string') return
  // Frames of code compiled at run time (zod's JIT parsers: eval) name no file: the
  // reader is the first frame that does, the preload's own aside.
  const frames = (new Error().stack ?? '').split('\n').slice(1)
    .filter((frame) => !frame.includes(here) && !frame.includes('(eval at '))
  const at = (frames[0] ?? '').replace(/^\s*at\s+/, '')
  ;(reads[key] ??= new Set()).add(at.replace(/^.*?\(/, '').replace(/:\d+:\d+\)?$/, ''))
}
const env = process.env
process.env = new Proxy(env, {
  get: (target, key) => (note(key), Reflect.get(target, key)),
  has: (target, key) => (note(key), Reflect.has(target, key)),
})
process.on('exit', () => {
  const readers = Object.fromEntries(Object.entries(reads).map(([key, files]) => [key, [...files].sort()]))
  writeFileSync(${JSON.stringify(readsFile)}, JSON.stringify(readers))
})
const standIns = ${JSON.stringify(fetchStandIns)}
const realFetch = globalThis.fetch
globalThis.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input))
  const origin = standIns[url.origin]
  if (!origin) return realFetch(input, init)
  const to = new URL(url.pathname + url.search, origin)
  return realFetch(input instanceof Request ? new Request(to, input) : to, init)
}
`

const resultMark = 'BOOT-RESULTS '

export interface BootOptions {
  readonly name: string
  readonly outfile: string
  /** The process's whole environment: nothing is inherited from the test's. */
  readonly env: Record<string, string>
  /** Invoked one after the other, in one process: one cold start, then warm. */
  readonly events: readonly unknown[]
  /** Where the preload and the record of reads go. */
  readonly dir: string
  /** Origins (`https://cognito-idp.…`) whose fetches go to a stand-in origin instead. */
  readonly fetchStandIns?: Record<string, string>
}

/**
 * A Lambda bundle in a fresh Node process with exactly `env`, invoked with `events` as
 * Lambda would (a context with its request id and remaining time): the handler's results,
 * and every environment variable the process read on the way.
 *
 * @example const { results, reads } = await bootLambda({ name: 'indexer', outfile, env, events, dir })
 */
export const bootLambda = async ({
  name,
  outfile,
  env,
  events,
  dir,
  fetchStandIns = {},
}: BootOptions) => {
  const preload = join(dir, `${name}-preload.mjs`)
  const readsFile = join(dir, `${name}-reads.json`)
  writeFileSync(preload, preloadSource(readsFile, fetchStandIns))
  const script = `
const { handler } = await import(${JSON.stringify(pathToFileURL(outfile).href)})
const results = []
for (const [i, event] of ${JSON.stringify(events)}.entries()) {
  const deadline = Date.now() + 30_000
  const context = {
    functionName: ${JSON.stringify(env.AWS_LAMBDA_FUNCTION_NAME ?? name)},
    functionVersion: '$LATEST',
    awsRequestId: 'request-' + i,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  }
  results.push(await handler(event, context))
}
process.stdout.write('\\n${resultMark}' + JSON.stringify(results) + '\\n')
process.exit(0)
`
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', pathToFileURL(preload).href, '--input-type=module', '-e', script],
      { env, cwd: resolve('.'), maxBuffer: 64 * 1024 * 1024 },
    )
    const line = stdout.split('\n').find((text) => text.startsWith(resultMark))
    if (!line) throw new Error(`${name} printed no result:\n${stdout}\n${stderr}`)
    return {
      results: JSON.parse(line.slice(resultMark.length)) as unknown[],
      /** Each variable read, with the source files of the frames that read it. */
      reads: JSON.parse(readFileSync(readsFile, 'utf8')) as Record<string, string[]>,
      logs: `${stdout}\n${stderr}`,
    }
  } catch (error: unknown) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(
      `${name} failed to boot or to handle its events:\n${stderr}\n${stdout}`.slice(0, 8_000),
      { cause: error },
    )
  }
}
