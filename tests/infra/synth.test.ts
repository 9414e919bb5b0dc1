import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const outdir = mkdtempSync(join(tmpdir(), 'delegation-sud-synth-'))
afterAll(() => rmSync(outdir, { recursive: true, force: true }))

// No credentials: synth must not need an AWS account (nor the network).
const withoutCredentials = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !/^AWS_(PROFILE|ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)$/.test(name),
  ),
)

/**
 * End to end, through the CDK CLI and cdk.json: the six handlers bundled by esbuild,
 * CDK's CloudFormation validation and cdk-nag.
 */
describe('npm run synth', () => {
  it(
    'synthesises the default (dev) stage',
    async () => {
      const started = Date.now()
      await run('npm', ['run', 'synth', '--', '-o', outdir], {
        cwd: join(import.meta.dirname, '../..'),
        env: withoutCredentials,
      })
      const seconds = (Date.now() - started) / 1000
      const template = JSON.parse(
        readFileSync(join(outdir, 'DelegationSud-dev.template.json'), 'utf8'),
      )
      const resources = Object.values<{ Type: string }>(template.Resources)
      const types = resources.map((r) => r.Type)
      expect(types).toContain('AWS::ApiGatewayV2::Api')
      // Events, Guards, Snapshots, Feed, ReadModels, Partners, Keys; the API, the indexer,
      // the projector, the rebuild, the dispatcher, the deliverer, the retention job.
      expect(types.filter((t) => t === 'AWS::DynamoDB::Table')).toHaveLength(7)
      expect(types.filter((t) => t === 'AWS::Lambda::Function')).toHaveLength(7)
      const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'))
      expect(report.pluginReports).toEqual([])
      console.info(`npm run synth: ${seconds.toFixed(1)} s`)
    },
    120_000,
  )
})
