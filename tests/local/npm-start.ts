import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'

/** A running `npm start` (local/start.ts) as a child of the test. */
export interface RunningStart {
  readonly child: ChildProcessWithoutNullStreams
  /** Where the API listens: `http://127.0.0.1:<port>`. */
  readonly url: string
  /** Its own DynamoDB Local. */
  readonly endpoint: string
  readonly jvmPid: number
  /** Everything it printed so far. */
  readonly output: () => string
}

/**
 * `npm start` as a user runs it (local/start.ts under tsx), on a free port, with its own
 * table prefix; `env` adds to the test's environment (`DEV_JWKS` to verify a test's own
 * tokens, rather than the machine's development key). Resolves once it says it is running.
 *
 * @example const running = await startNpmStart('smoke-test', { DEV_JWKS: JSON.stringify(key.jwks) })
 */
export const startNpmStart = (
  tablePrefix: string,
  env: Record<string, string> = {},
): Promise<RunningStart> =>
  new Promise((resolve, reject) => {
    const { DATA_DIR: _dataDir, ...inherited } = process.env
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
      env: { ...inherited, PORT: '0', HOST: '127.0.0.1', TABLE_PREFIX: tablePrefix, ...env },
    })
    let output = ''
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const url = /is running on (http:\/\/\S+)/.exec(output)?.[1]
      const db = /DynamoDB Local\s+(http:\/\/\S+) .*pid (\d+)\)/.exec(output)
      if (url && db?.[1] && db[2]) {
        resolve({ child, url, endpoint: db[1], jvmPid: Number(db[2]), output: () => output })
      }
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)))
  })

/**
 * Stops it as Ctrl-C (SIGINT) or a service manager (SIGTERM) would; resolves to its exit code.
 *
 * @example expect(await stopNpmStart(running, 'SIGINT')).toBe(0)
 */
export const stopNpmStart = (running: RunningStart, signal: NodeJS.Signals) =>
  new Promise<number | null>((resolve) => {
    running.child.once('exit', (code) => resolve(code))
    running.child.kill(signal)
  })
