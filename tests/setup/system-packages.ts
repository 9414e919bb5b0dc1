import { spawnSync } from 'node:child_process'
import { isJavaInstalled } from '../../local/java-check.js'

/**
 * What the tests need of the machine beyond npm: Java 17 for DynamoDB Local, Debian's
 * Chromium for the browser tests (driven by puppeteer-core, which downloads no browser).
 */
export const systemPackages = { java: 'openjdk-17-jre-headless', chromium: 'chromium' } as const

/** What is on this machine, as far as installing the tests' packages goes. */
export interface SystemState {
  readonly java: boolean
  readonly chromium: boolean
  readonly root: boolean
  readonly sudo: boolean
  readonly aptGet: boolean
}

export type SetupPlan =
  | { readonly kind: 'ready' }
  | {
      readonly kind: 'install'
      readonly packages: readonly string[]
      readonly commands: readonly (readonly string[])[]
    }
  | {
      readonly kind: 'cannot-install'
      readonly packages: readonly string[]
      readonly message: string
    }

/**
 * What to run so the tests find what they need: nothing, the apt-get commands (through sudo
 * when not root, as .ci/run did), or why they cannot be run here, with the line to run.
 *
 * @example setupPlan({ java: true, chromium: false, root: false, sudo: true, aptGet: true })
 *   // { kind: 'install', packages: ['chromium'], commands: [['sudo', 'apt-get', 'update'], …] }
 */
export const setupPlan = (state: SystemState): SetupPlan => {
  const packages = [
    ...(state.java ? [] : [systemPackages.java]),
    ...(state.chromium ? [] : [systemPackages.chromium]),
  ]
  if (packages.length === 0) return { kind: 'ready' }
  const line = `apt-get update && apt-get install -y ${packages.join(' ')}`
  if (!state.aptGet) {
    return {
      kind: 'cannot-install',
      packages,
      message: `No apt-get here: install ${packages.join(' and ')} (Debian: ${line})`,
    }
  }
  if (!state.root && !state.sudo) {
    return {
      kind: 'cannot-install',
      packages,
      message: `Not root and no sudo: as root, run ${line}`,
    }
  }
  const sudo = state.root ? [] : ['sudo']
  return {
    kind: 'install',
    packages,
    commands: [
      [...sudo, 'apt-get', 'update'],
      [...sudo, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', ...packages],
    ],
  }
}

const onPath = (command: string) =>
  spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0

/**
 * This machine's state.
 *
 * @example setupPlan(currentSystem())
 */
export const currentSystem = (): SystemState => ({
  java: isJavaInstalled(),
  chromium: onPath('chromium'),
  root: process.getuid?.() === 0,
  sudo: onPath('sudo'),
  aptGet: onPath('apt-get'),
})
