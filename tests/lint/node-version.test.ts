import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string }
  devDependencies: Record<string, string>
}

const major = (version: string) => Number(/(\d+)/.exec(version)?.[1])

// `npm test` runs vitest with node_modules/.bin first on its PATH, so it runs on the
// `node` devDependency even where the system Node is older: this is what proves it.
describe('the Node the tests run on', () => {
  it('is the `node` devDependency, whatever the system Node', () => {
    expect(process.versions.node).toBe(pkg.devDependencies.node)
  })

  it('meets package.json engines', () => {
    expect(major(process.versions.node)).toBeGreaterThanOrEqual(major(pkg.engines.node))
  })
})
