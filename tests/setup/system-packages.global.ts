import { spawnSync } from 'node:child_process'
import { currentSystem, setupPlan, systemPackages } from './system-packages.js'

/**
 * Vitest global setup, before DynamoDB Local's: installs what the tests need and the machine
 * lacks (Java, Chromium) with apt-get, so `npm test` passes by itself on a fresh Debian. Java
 * is a must (no test table without DynamoDB Local); a Chromium that cannot be installed only
 * warns, and the browser tests fail saying so, so the rest can still run.
 *
 * @example globalSetup: ['tests/setup/system-packages.global.ts', 'tests/setup/dynamodb-local.global.ts']
 */
export const setup = (): void => {
  const plan = setupPlan(currentSystem())
  if (plan.kind === 'install') {
    for (const command of plan.commands) {
      console.log(`Installing ${plan.packages.join(', ')} for the tests: ${command.join(' ')}`)
      const [program = 'apt-get', ...args] = command
      spawnSync(program, args, { stdio: 'inherit' })
    }
  }
  const after = currentSystem()
  const stillMissing = setupPlan(after)
  if (stillMissing.kind === 'ready') return
  const message =
    stillMissing.kind === 'cannot-install'
      ? stillMissing.message
      : `Installing ${stillMissing.packages.join(', ')} failed: run ${stillMissing.commands.map((c) => c.join(' ')).join(' && ')}`
  if (!after.java)
    throw new Error(
      `The tests need Java 17 (${systemPackages.java}) for DynamoDB Local. ${message}`,
    )
  console.warn(
    `The browser tests need Chromium (${systemPackages.chromium}) and will fail without it. ${message}`,
  )
}
