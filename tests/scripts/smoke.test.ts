import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDevKey, signDevToken, type DevKey } from '../../local/dev-tokens.js'
import { freePort } from '../../local/free-port.js'
import { startNpmStart, stopNpmStart, type RunningStart } from '../local/npm-start.js'

/** `npm run smoke -- …` as an operator runs it: its exit code and what it printed. */
const smoke = (...args: string[]) =>
  new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'smoke', '--', ...args], { env: process.env })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code, output }))
  })

/**
 * The dev mail page's messages whose outbox reference starts with `prefix`, once `count`
 * arrived (the notifier sends on its own Feed wake-up: a wait, not an assertion; the
 * test's timeout bounds it).
 */
const mailRefsFor = async (url: string, prefix: string, count: number) => {
  for (;;) {
    const list = await (await fetch(`${url}/dev/mail`)).text()
    const ids = [...list.matchAll(/href="\/dev\/mail\/(\d+)"/g)].map((match) => match[1])
    const found: { id: string; ref: string }[] = []
    for (const id of ids) {
      const page = await (await fetch(`${url}/dev/mail/${id}`)).text()
      const ref = /<dt>Outbox reference<\/dt>\s*<dd>([^<]*)<\/dd>/.exec(page)?.[1] ?? ''
      if (id && ref.startsWith(prefix)) found.push({ id, ref })
    }
    if (found.length >= count) return found
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

const stepLines = (output: string) => output.split('\n').filter((line) => /^[✓✗–] /.test(line))

/**
 * Issue 18, item 8: the smoke test runs the README's main flows against a running system
 * (here `npm start`, whose API verifies this test's own signing key) and says plainly what
 * failed.
 */
describe('npm run smoke, against npm start', { timeout: 180_000 }, () => {
  let running: RunningStart
  let key: DevKey
  let admin: string

  beforeAll(async () => {
    key = await generateDevKey()
    running = await startNpmStart('smoke-test', {
      DEV_JWKS: JSON.stringify(key.jwks),
      JWT_ISSUER: 'delegation-sud-local',
      JWT_AUDIENCE: 'delegation-sud',
    })
    admin = await signDevToken(key, { subject: 'smoke-operator', roles: ['admin'] })
  }, 120_000)
  afterAll(async () => {
    if (running) expect(await stopNpmStart(running, 'SIGTERM')).toBe(0)
  })

  it('passes every step, on an edition of its own that it closes, and again on a second run', async () => {
    const first = await smoke('--url', running.url, '--token', admin)
    expect(first.code, first.output).toBe(0)
    const lines = stepLines(first.output)
    expect(lines).toHaveLength(9)
    expect(
      lines.every((line) => line.startsWith('✓ ')),
      first.output,
    ).toBe(true)
    expect(first.output).toMatch(/Smoke test passed: 9 of 9 steps/)
    console.info(first.output)

    // What it left behind: its edition closed, after the selection; its partner key revoked.
    const editionId = /staff open edition (smoke-[a-z0-9-]+)/.exec(first.output)?.[1]
    const stream = await fetch(`${running.url}/streams/edition-${editionId}`, {
      headers: { Authorization: `Bearer ${admin}` },
    })
    const types = ((await stream.json()) as { events: { type: string }[] }).events.map(
      (event) => event.type,
    )
    expect(types.at(0)).toBe('edition.opened')
    expect(types.at(-1)).toBe('edition.closed')
    const partnerId = /partner ([a-z0-9-]+), key/.exec(first.output)?.[1]
    const keys = await fetch(`${running.url}/partners/${partnerId}/keys`, {
      headers: { Authorization: `Bearer ${admin}` },
    })
    expect(
      ((await keys.json()) as { keys: { status: string }[] }).keys.map((k) => k.status),
    ).toEqual(['revoked'])

    // npm start's notifier mailed the applicant through its catcher: the receipt and the
    // selection, each once, readable on the dev mail page, linking to npm start's own URL.
    const applicationId = /application ([0-9a-f-]{36}), consent/.exec(first.output)?.[1]
    expect(applicationId).toBeDefined()
    const refs = await mailRefsFor(running.url, `${editionId}.${applicationId}.`, 2)
    expect(refs).toHaveLength(2)
    for (const id of refs.map(({ id }) => id)) {
      const message = await (await fetch(`${running.url}/dev/mail/${id}`)).text()
      expect(message).toContain('smoke@delegation-sud.invalid')
      expect(message).toContain(`${running.url}/`)
    }

    // A second run: the smoke start-up and partner already exist, its edition is new.
    const second = await smoke('--url', running.url, '--token', admin)
    expect(second.code, second.output).toBe(0)
    expect(/staff open edition (smoke-[a-z0-9-]+)/.exec(second.output)?.[1]).not.toBe(editionId)
  })

  it('says which step failed and why, skips what needed it, and exits 1 (a token the API does not trust)', async () => {
    const stranger = await signDevToken(await generateDevKey(), {
      subject: 'stranger',
      roles: ['admin'],
    })
    const { code, output } = await smoke('--url', running.url, '--token', stranger)
    expect(code).toBe(1)
    const lines = stepLines(output)
    expect(lines[0]).toMatch(/^✓ the API answers GET \/health/)
    expect(lines[1]).toMatch(
      /^✗ staff open edition smoke-[a-z0-9-]+: POST \/editions answered 401 unauthenticated/,
    )
    expect(
      lines.slice(2).every((line) => line.startsWith('– ')),
      output,
    ).toBe(true)
    expect(lines.at(-1)).toMatch(
      /^– staff close edition smoke-[a-z0-9-]+: skipped: no edition was opened$/,
    )
    expect(output).toMatch(
      /Smoke test FAILED against http:\/\/127\.0\.0\.1:\d+: 1 failed, 7 skipped, 1 passed/,
    )
  })

  it('says so when the API cannot be reached, and refuses to run without its arguments', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`
    const unreachable = await smoke('--url', closed, '--token', admin)
    expect(unreachable.code).toBe(1)
    expect(stepLines(unreachable.output)[0]).toBe(
      `✗ the API answers GET /health: GET /health: cannot reach ${closed} (connect ECONNREFUSED ${closed.slice(7)})`,
    )
    const usage = await smoke('--url', running.url)
    expect(usage.code).toBe(2)
    expect(usage.output).toMatch(/--token: .*\nUsage: npm run smoke -- --url/)
  })
})
