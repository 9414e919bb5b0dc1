import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { lambdaEntries } from '../../infra/lambda-bundles.js'
import { physicalTableName, tables } from '../../functions/shared/tables.js'

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
      const resources = Object.values<{ Type: string; Properties: Record<string, any> }>(template.Resources)
      const ofType = (type: string) => resources.filter((r) => r.Type === type).map((r) => r.Properties)
      // Every table functions/shared/tables.ts defines, under the stage's names, and a
      // Lambda on Node 24 for each entry the bundler knows: what was written, not a count.
      expect(ofType('AWS::DynamoDB::Table').map((t) => t.TableName).sort()).toEqual(
        Object.values(tables).map((table) => physicalTableName('delegation-sud-dev', table)).sort(),
      )
      const functions = ofType('AWS::Lambda::Function')
      expect(functions.map((f) => f.Runtime)).toEqual(Object.keys(lambdaEntries).map(() => 'nodejs24.x'))
      expect(ofType('AWS::ApiGatewayV2::Api').map((api) => api.ProtocolType)).toEqual(['HTTP'])
      const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'))
      expect(report.pluginReports).toEqual([])
      console.info(`npm run synth: ${seconds.toFixed(1)} s`)
    },
    120_000,
  )
})
