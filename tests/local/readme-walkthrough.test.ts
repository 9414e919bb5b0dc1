import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startNpmStart, type RunningStart } from './npm-start.js'

/**
 * The README's walkthrough ("Every route, with `curl` against `npm start`") as a reader runs
 * it, word for word, against a real `npm start`: every call but the one shown failing on
 * purpose must succeed, so the walkthrough can never rot again. Each curl's status is
 * written to stderr by a wrapper (`%{stderr}`), the commands themselves are untouched.
 */
const walkthrough = () => {
  const readme = readFileSync('README.md', 'utf8')
  const from = readme.indexOf('Every route, with `curl` against `npm start`')
  const start = readme.indexOf('```bash\n', from) + '```bash\n'.length
  return readme.slice(start, readme.indexOf('```\n', start))
}

describe('the README walkthrough', () => {
  let running: RunningStart
  beforeAll(async () => {
    running = await startNpmStart(`readme-${Date.now().toString(36)}`)
  }, 120_000)
  afterAll(() => running?.child.kill('SIGINT'))

  it('runs against npm start, each call answered as the README says', () => {
    const script = walkthrough().replace('API=http://127.0.0.1:3000', `API=${running.url}`)
    const curl = "curl() { command curl -w '%{stderr}STATUS %{http_code} %{method} %{url_effective}\\n' \"$@\"; }"
    const run = spawnSync('bash', ['-c', `set -o pipefail\n${curl}\n${script}`], { encoding: 'utf8', timeout: 120_000 })
    const calls = run.stderr.split('\n').filter((line) => line.startsWith('STATUS ')).map((line) => line.split(' '))
    expect(run.status, run.stderr).toBe(0)
    expect(calls.length).toBeGreaterThan(25)
    const failed = calls.filter(([, status]) => Number(status) >= 400)
    // The one refusal the README shows on purpose: an application with missing fields.
    expect(failed.map(([, status, method, url]) => `${status} ${method} ${url?.replace(running.url, '')}`)).toEqual([
      '400 POST /editions/ces-2029/applications',
    ])
    expect(run.stdout).toContain('"status":"received"')
    expect(run.stdout).toMatch(/"status":"selected"/)
  }, 180_000)
})
