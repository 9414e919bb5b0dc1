import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { currentSystem, setupPlan, type SystemState } from './system-packages.js'

const debian = {
  java: true,
  chromium: true,
  root: true,
  sudo: false,
  aptGet: true,
} satisfies SystemState

/**
 * What `npm test` installs before it starts (system-packages.global.ts), decided without
 * running apt: the commands for each machine, or the line to run by hand.
 */
describe('the set-up npm test does on the machine', () => {
  it('does nothing when Java and Chromium are there', () => {
    expect(setupPlan(debian)).toEqual({ kind: 'ready' })
    expect(setupPlan({ ...debian, root: false, aptGet: false })).toEqual({ kind: 'ready' })
  })

  it('installs what is missing with apt-get, as root', () => {
    expect(setupPlan({ ...debian, java: false, chromium: false })).toEqual({
      kind: 'install',
      packages: ['openjdk-17-jre-headless', 'chromium'],
      commands: [
        ['apt-get', 'update'],
        [
          'env',
          'DEBIAN_FRONTEND=noninteractive',
          'apt-get',
          'install',
          '-y',
          'openjdk-17-jre-headless',
          'chromium',
        ],
      ],
    })
  })

  it('goes through sudo when not root', () => {
    expect(setupPlan({ ...debian, chromium: false, root: false, sudo: true })).toEqual({
      kind: 'install',
      packages: ['chromium'],
      commands: [
        ['sudo', 'apt-get', 'update'],
        ['sudo', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'chromium'],
      ],
    })
  })

  it('says what to run when it cannot: not root and no sudo, or no apt-get', () => {
    expect(setupPlan({ ...debian, java: false, root: false, sudo: false })).toEqual({
      kind: 'cannot-install',
      packages: ['openjdk-17-jre-headless'],
      message:
        'Not root and no sudo: as root, run apt-get update && apt-get install -y openjdk-17-jre-headless',
    })
    expect(setupPlan({ ...debian, chromium: false, aptGet: false })).toMatchObject({
      kind: 'cannot-install',
      message:
        'No apt-get here: install chromium (Debian: apt-get update && apt-get install -y chromium)',
    })
  })

  it('sees this machine as it is: Java runs (this run’s DynamoDB Local needs it)', () => {
    const system = currentSystem()
    expect(system.java).toBe(true)
    expect(system.root).toBe(process.getuid?.() === 0)
  })
})

/**
 * The global setup itself, in a child process whose PATH holds only a shell, `env`, maybe
 * Java, and stand-ins for `apt-get` and `sudo` that record what they were asked: the real
 * install path, without apt.
 */
describe('the global setup, with a stand-in apt-get', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

  const runSetup = ({ withJava }: { withJava: boolean }) => {
    const bin = mkdtempSync(join(tmpdir(), 'setup-path-'))
    dirs.push(bin)
    const log = join(bin, 'apt-get.log')
    const which = (command: string) =>
      spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim()
    for (const command of ['sh', 'env', ...(withJava ? ['java'] : [])]) {
      symlinkSync(which(command), join(bin, command))
    }
    writeFileSync(join(bin, 'apt-get'), `#!/bin/sh\necho "$*" >> ${log}\n`)
    writeFileSync(join(bin, 'sudo'), '#!/bin/sh\nexec "$@"\n')
    chmodSync(join(bin, 'apt-get'), 0o755)
    chmodSync(join(bin, 'sudo'), 0o755)
    const script = "import('./tests/setup/system-packages.global.ts').then((m) => m.setup())"
    const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      env: { ...process.env, PATH: bin },
      encoding: 'utf8',
    })
    const asked = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []
    return { ...result, asked }
  }

  it('asks apt-get for Chromium, then warns that the browser tests will fail when it is still missing', () => {
    const { status, asked, stdout, stderr } = runSetup({ withJava: true })
    expect(status, stderr).toBe(0)
    expect(asked).toEqual(['update', 'install -y chromium'])
    expect(stdout).toContain('Installing chromium for the tests:')
    expect(stderr).toContain('The browser tests need Chromium (chromium) and will fail without it.')
  })

  it('asks for Java too, and stops the run when Java is still missing', () => {
    const { status, asked, stderr } = runSetup({ withJava: false })
    expect(asked).toEqual(['update', 'install -y openjdk-17-jre-headless chromium'])
    expect(status).not.toBe(0)
    expect(stderr).toContain('The tests need Java 17 (openjdk-17-jre-headless) for DynamoDB Local.')
  })
})
