import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { request } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { guardChild } from './child-guard.js'
import { freePort } from './free-port.js'
import { assertJavaInstalled } from './java-check.js'

export interface DynamoDbLocalOptions {
  /** Defaults to a free loopback port chosen by the OS. */
  readonly port?: number
  /** Keeps the data in this folder (created if needed); in memory when unset. */
  readonly dataDir?: string
}

export interface DynamoDbLocal {
  readonly endpoint: string
  readonly port: number
  /** The JVM's pid (setpriv execs java, so it is the spawned process itself). */
  readonly pid: number
  /** From the call to the first ListTables answered. */
  readonly readyInMs: number
  /** SIGTERM, then SIGKILL after 3 s; resolves once the JVM has exited. */
  stop(): Promise<void>
}

export class DynamoDbLocalStartError extends Error {
  override readonly name = 'DynamoDbLocalStartError'
  constructor(message: string, readonly portTaken = false) {
    super(message)
  }
}

const SETPRIV = '/usr/bin/setpriv'
const READY_TIMEOUT_MS = 30_000
const STOP_GRACE_MS = 3_000

const emulatorDir = () => {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator')
}

const command = (emulator: string, port: number, dataDir: string | undefined) => {
  const args = [
    `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`,
    '-jar', join(emulator, 'DynamoDBLocal.jar'),
    '-sharedDb', '-disableTelemetry', '-port', String(port),
    ...(dataDir ? ['-dbPath', dataDir] : ['-inMemory']),
  ]
  // pdeathsig: the kernel kills the JVM even when we are SIGKILLed and no hook runs.
  return existsSync(SETPRIV)
    ? { file: SETPRIV, args: ['--pdeathsig', 'SIGKILL', '--', 'java', ...args] }
    : { file: 'java', args }
}

/** One ListTables over a fresh connection (no keep-alive socket left to hold the process). */
const answers = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const headers = {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': 'DynamoDB_20120810.ListTables',
      Authorization: 'AWS4-HMAC-SHA256 Credential=local/20200101/eu-west-3/dynamodb/aws4_request, '
        + 'SignedHeaders=host, Signature=0',
    }
    const options = { host: '127.0.0.1', port, method: 'POST', headers, agent: false }
    const req = request({ ...options, timeout: 1_000 }, (res) => {
      res.resume()
      done(res.statusCode === 200)
    })
    req.on('error', () => done(false))
    req.on('timeout', () => req.destroy())
    req.end('{}')
  })

const launch = async (port: number, dataDir: string | undefined) => {
  const emulator = emulatorDir()
  const { file, args } = command(emulator, port, dataDir)
  const child: ChildProcess = spawn(file, args, {
    cwd: emulator,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  guardChild(child)
  let stderr = ''
  let stdout = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)))
  child.stdout?.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-4_000)))
  const exited = new Promise<void>((done) => {
    child.once('exit', () => done())
    child.once('error', () => done())
  })
  let gone = false
  void exited.then(() => (gone = true))
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline && !gone) {
    if (await answers(port)) return { child, exited, port }
    await sleep(100)
  }
  if (!gone) child.kill('SIGKILL')
  await exited
  const output = `${stderr}${stdout}`
  const reason = gone ? `exited early: ${(stderr || stdout).trim()}` : 'did not answer within 30 s'
  throw new DynamoDbLocalStartError(
    `DynamoDB Local on port ${port} ${reason}`,
    /Address already in use|BindException/.test(output),
  )
}

/**
 * Starts AWS's DynamoDB Local (the jar inside amplify-dynamodb-simulator) on loopback.
 *
 * @example const db = await startDynamoDbLocal(); …; await db.stop()
 */
export const startDynamoDbLocal = async (
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> => {
  const startedAt = performance.now()
  assertJavaInstalled()
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir)
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const attempt = async (retries: number): ReturnType<typeof launch> => {
    const port = options.port ?? (await freePort())
    try {
      return await launch(port, dataDir)
    } catch (error: unknown) {
      // Another process may take the port between freePort() and the JVM's bind.
      const raced = error instanceof DynamoDbLocalStartError && error.portTaken
      if (raced && retries > 0 && options.port === undefined) return attempt(retries - 1)
      throw error
    }
  }
  const { child, exited, port } = await attempt(1)
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
    await exited
    clearTimeout(timer)
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? 0,
    readyInMs: Math.round(performance.now() - startedAt),
    stop,
  }
}
