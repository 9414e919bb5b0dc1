import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { createDelegationSudApp } from '../../infra/stack.js'

// One synthesis per stage for the file: each bundles the six handlers.
const synth = (stage: 'dev' | 'prod') => {
  const { app, stack } = createDelegationSudApp({
    context: { stage },
    builtinCloudFormationValidation: false,
  })
  const template = Template.fromStack(stack)
  const functions = Object.entries(template.findResources('AWS::Lambda::Function'))
  const id = (construct: { node: { defaultChild?: unknown } }) =>
    stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string
  return { app, stack, template, functions, id }
}
const dev = synth('dev')
const prod = synth('prod')

/** The bundled code of a function, from the cloud assembly the synthesis wrote. */
// Code split (infra/lambda-bundles.ts): index.mjs and the chunks it loads, each with its map.
const bundleOf = (outdir: string, s3Key: string) => {
  const dir = join(outdir, `asset.${s3Key.replace(/\.zip$/, '')}`)
  const all = readdirSync(dir).sort()
  const chunks = all.filter((file) => /^chunk-\w+\.mjs$/.test(file))
  const modules = ['index.mjs', ...chunks].map((file) => readFileSync(join(dir, file), 'utf8'))
  const files = all.filter((file) => !/^chunk-\w+\.mjs(\.map)?$/.test(file))
  return { files, chunks, maps: all.filter((file) => /^chunk-\w+\.mjs\.map$/.test(file)), modules, code: modules.join('\n') }
}

describe('every Lambda', () => {
  it('runs Node.js 24 on arm64', () => {
    // The API, the indexer, the projector, the rebuild, the dispatcher, the deliverer, the
    // retention job, the notifier.
    expect(dev.functions).toHaveLength(8)
    for (const [, fn] of dev.functions) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x')
      expect(fn.Properties.Architectures).toEqual(['arm64'])
    }
  })

  it('logs to its own group, kept a week in dev and three months in prod', () => {
    for (const [{ template, functions }, days] of [[dev, 7], [prod, 90]] as const) {
      const groups = template.findResources('AWS::Logs::LogGroup')
      const used = functions.map(([, fn]) => fn.Properties.LoggingConfig.LogGroup.Ref)
      expect(new Set(used).size).toBe(functions.length)
      for (const id of used) expect(groups[id]?.Properties.RetentionInDays).toBe(days)
    }
  })

  it('has 512 MB, the API 1024 MB and at most 10 s for a request', () => {
    const apiId = dev.id(dev.stack.api.handler.fn)
    for (const [id, fn] of dev.functions) {
      const isApi = id === apiId
      const isRebuild = fn.Properties.Timeout === 900
      expect(fn.Properties.MemorySize).toBe(isApi || isRebuild ? 1024 : 512)
      if (isApi) expect(fn.Properties.Timeout).toBe(10)
    }
  })

  it('is given table names (and the API its auth settings and limits, the notifier its mail settings) plus source maps and its metrics namespace, nothing else', () => {
    const allowed =
      /^([A-Z_]+_TABLE|JWKS_URL|JWT_ISSUER|JWT_AUDIENCE|CORS_ORIGINS|STAFF_LOGIN_DOMAIN|STAFF_LOGIN_CLIENT_ID|NODE_OPTIONS|POWERTOOLS_METRICS_NAMESPACE|PUBLIC_RATE_LIMIT|PARTNER_RATE_LIMIT|MAX_SUBSCRIPTIONS_PER_PARTNER|WEBHOOK_ALLOWED_PORTS|PERSONAL_DATA_RETENTION_DAYS|PERSONAL_DATA_KEY_ID|PUBLIC_URL|MAIL_FROM|MAIL_IDENTITY|CONTACT_EMAIL|MAIL_CONFIGURATION_SET|PARTNER_USER_POOL_ID)$/
    for (const [{ functions }, stage] of [
      [dev, 'dev'],
      [prod, 'prod'],
    ] as const) {
      for (const [, fn] of functions) {
        const variables = fn.Properties.Environment.Variables
        for (const name of Object.keys(variables)) expect(name).toMatch(allowed)
        expect(variables.NODE_OPTIONS).toBe('--enable-source-maps')
        expect(variables.POWERTOOLS_METRICS_NAMESPACE).toBe(`DelegationSud/${stage}`)
      }
    }
  })

  it('is traced by X-Ray (active tracing), its role allowed to send the segments', () => {
    for (const [, fn] of dev.functions) {
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' })
      const role = fn.Properties.Role['Fn::GetAtt'][0]
      const policies = Object.values(dev.template.findResources('AWS::IAM::Policy')).filter(
        (policy) => policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === role),
      )
      const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      const onAnything = statements
        .filter((statement) => statement.Resource === '*')
        .flatMap((statement) => [statement.Action].flat())
      expect(onAnything).toEqual(
        expect.arrayContaining(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']),
      )
      // What the acknowledged wildcard (AwsSolutions-IAM5) covers, and nothing more.
      for (const action of onAnything) {
        expect([
          'xray:PutTraceSegments',
          'xray:PutTelemetryRecords',
          'dynamodb:ListStreams',
        ]).toContain(action)
      }
    }
  })
})

describe('bundles', () => {
  it('are minified ESM with a source map, the AWS SDK left to the runtime', () => {
    for (const [id, fn] of dev.functions) {
      const { files, chunks, maps, modules } = bundleOf(dev.app.outdir, fn.Properties.Code.S3Key)
      // The API's bundle carries the pages' built assets (infra/page-assets.ts) and the API
      // reference's browser script from its npm package beside it.
      const beside = id === dev.id(dev.stack.api.handler.fn) ? ['page-assets', 'scalar-api-reference.js'] : []
      expect(files).toEqual(['index.mjs', 'index.mjs.map', ...beside])
      expect(maps).toEqual(chunks.map((chunk) => `${chunk}.map`))
      expect(fn.Properties.Handler).toBe('index.handler')
      for (const code of modules) {
        // ESM output has no `require`: the banner provides one for CommonJS dependencies.
        expect(code.startsWith("import { createRequire } from 'node:module'")).toBe(true)
        expect(code).not.toMatch(/class DynamoDBClient/)
      }
      // Minified: long lines (the pages' HTML templates keep their own line breaks).
      const code = modules.join('\n')
      expect(code.length / code.split('\n').length).toBeGreaterThan(500)
    }
  })

  // A bundled AWS SDK alone would add megabytes; zod is the bulk of today's bundles.
  // An ESM import of node:http costs ~90 ms at cold start (infra/lambda-bundles.ts).
  it('require node:http and node:https rather than import them', () => {
    for (const [, fn] of dev.functions) {
      const { code } = bundleOf(dev.app.outdir, fn.Properties.Code.S3Key)
      expect(code).not.toMatch(/\bfrom\s*["']node:https?["']/)
    }
  })

  it('stay under 1 MiB each', () => {
    for (const [, fn] of dev.functions) {
      const { code } = bundleOf(dev.app.outdir, fn.Properties.Code.S3Key)
      expect(Buffer.byteLength(code)).toBeLessThan(1024 * 1024)
    }
  })
})
