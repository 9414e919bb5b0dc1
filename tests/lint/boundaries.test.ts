import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const config = `${root}.dependency-cruiser.cjs`
const depcruise = `${root}node_modules/dependency-cruiser/bin/dependency-cruiser.mjs`

interface Violation {
  readonly rule: { readonly name: string }
  readonly from: string
  readonly to: string
}

/**
 * Runs dependency-cruiser as `npm run lint` does, with the repository's rules, over a
 * fixture tree laid out like the repository (domain/, functions/, infra/ …).
 */
const cruise = (fixture: string, outputType: 'json' | 'err') =>
  spawnSync(process.execPath, [depcruise, '.', '--config', config, '--output-type', outputType], {
    cwd: fileURLToPath(new URL(`fixtures/${fixture}/`, import.meta.url)),
    encoding: 'utf8',
  })

const violationsIn = (fixture: string) => {
  const { stdout } = cruise(fixture, 'json')
  const { summary } = JSON.parse(stdout) as { summary: { violations: Violation[] } }
  return summary.violations
    .map(
      ({ rule, from, to }) => `${rule.name}: ${from} → ${to.replace(/^.*node_modules\//, 'npm:')}`,
    )
    .sort()
}

describe('the import boundaries (dependency-cruiser)', () => {
  it('pass a tree that keeps them', () => {
    expect(violationsIn('clean')).toEqual([])
    expect(cruise('clean', 'err').status).toBe(0)
  })

  it('name each rule a tree breaks, and fail the lint', () => {
    expect(violationsIn('violations')).toEqual([
      'adapters-below-the-sides: functions/personal-data/vault.ts → functions/commands/handle.ts',
      'apps-are-the-top: functions/other/uses-http.ts → functions/http/app.ts',
      'contract-generates-from-below: functions/contract/document.ts → functions/queries/report.ts',
      'domain-imports-only-zod: domain/uses-functions.ts → functions/tables-from-infra.ts',
      'domain-imports-only-zod: domain/uses-node.ts → crypto',
      'domain-imports-only-zod: domain/uses-package.ts → npm:hono/dist/index.js',
      'functions-stay-out-of-tooling: functions/tables-from-infra.ts → infra/tables.ts',
      'lambdas-bundle-only-dependencies: functions/bundles-dev-dependency.ts → npm:aws-cdk-lib/index.js',
      'no-cycles: local/cycle-a.ts → local/cycle-b.ts',
      'only-tests-import-tests: scripts/uses-test-fixtures.ts → tests/fixtures.ts',
      'read-side-beside-write-side: functions/queries/report.ts → functions/commands/handle.ts',
      'resolvable: local/unresolvable.ts → ./gone.js',
      'shared-is-the-floor: functions/shared/uses-store.ts → functions/store/append.ts',
      'store-above-shared-only: functions/store/append.ts → functions/personal-data/vault.ts',
      'website-is-a-client-of-the-api: functions/website/page.ts → functions/commands/handle.ts',
      'write-side-knows-no-http: functions/commands/handle.ts → npm:hono/dist/index.js',
    ])
    const { status, stdout } = cruise('violations', 'err')
    expect(status).not.toBe(0)
    expect(stdout).toContain('16 dependency violations (16 errors')
  })
})
