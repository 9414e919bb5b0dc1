import { ScanCommand } from '@aws-sdk/client-dynamodb'
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { createDocumentClient } from '../../functions/shared/dynamo-client.js'
import { createTestClient } from '../setup/test-tables.js'
import { startNpmStart, stopNpmStart } from './npm-start.js'

const PREFIX = 'start-test'

/** `npm start` as a user runs it, verifying no token (this test sends none). */
const startApp = () => startNpmStart(PREFIX, { DEV_JWKS: '{"keys":[]}' })
const stopApp = stopNpmStart

/** A zombie (dead, not yet reaped by init) counts as gone. */
const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
}

/** A GET to 127.0.0.1 with the Host header a browser on another name would send: its status. */
const hostedGet = (port: string, path: string, host: string) =>
  new Promise<number>((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path, headers: { host } }, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    sent.on('error', reject)
    sent.end()
  })

const eventsIn = async (endpoint: string) =>
  (await createTestClient(endpoint).send(new ScanCommand({ TableName: `${PREFIX}-Events` }))).Count

// Two full starts (tsx, JVM, tables, Lambda modules): slow on a busy machine.
describe('npm start (local/start.ts)', { timeout: 120_000 }, () => {
  it('serves the API, exits 0 on Ctrl-C or SIGTERM, and starts afresh in memory', async () => {
    const first = await startApp()
    try {
      const health = await fetch(`${first.url}/health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toEqual({ status: 'ok' })
      // Only loopback host names (local/loopback-only.ts): DNS rebinding reaches nothing.
      const port = new URL(first.url).port
      const rebound = await hostedGet(port, '/staff/sign-in', `rebind.attacker.example:${port}`)
      expect(rebound).toBe(421)
      expect(await hostedGet(port, '/health', `localhost:${port}`)).toBe(200)
      expect(first.output()).toMatch(/Stream poller\s+start-test-Events → /)
      expect(first.output()).toContain(`${'Node'.padEnd(16)}${process.version} (`)
      const doc = createDocumentClient({ endpoint: first.endpoint })
      const item = { streamId: 'edition-ces-2020', version: 1, type: 'edition.opened' }
      await doc.send(new PutCommand({ TableName: `${PREFIX}-Events`, Item: item }))
      expect(await eventsIn(first.endpoint)).toBe(1)
    } finally {
      expect(await stopApp(first, 'SIGINT')).toBe(0)
    }
    expect(isRunning(first.jvmPid)).toBe(false)

    const second = await startApp()
    try {
      expect(await eventsIn(second.endpoint)).toBe(0)
    } finally {
      expect(await stopApp(second, 'SIGTERM')).toBe(0)
    }
    expect(isRunning(second.jvmPid)).toBe(false)
  })
})
