import { statSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

/**
 * Every Lambda's entry file, and the esbuild settings CDK's NodejsFunction uses for
 * them (infra/constructs/node-function.ts): ESM, minified, Node 22, the AWS SDK left
 * to the runtime. The benchmark's cold-start case and the bundle boot test build
 * with exactly these, so what they measure is what gets deployed.
 */
export const lambdaEntries = {
  api: 'functions/api/lambda.ts',
  indexer: 'functions/indexer/lambda.ts',
  projector: 'functions/projector/lambda.ts',
  rebuild: 'functions/rebuild/lambda.ts',
  dispatcher: 'functions/dispatcher/lambda.ts',
  deliverer: 'functions/deliverer/lambda.ts',
} as const

export const esbuildSettings = {
  format: 'esm',
  target: 'node22',
  minify: true,
  mainFields: ['module', 'main'],
  external: ['@aws-sdk/*', '@smithy/*'],
  // ESM bundles of CommonJS dependencies still call require(): give them one.
  banner: "import { createRequire } from 'node:module';const require=createRequire(import.meta.url);",
} as const

/**
 * Bundles one entry to `<outDir>/<name>/index.mjs`.
 *
 * @example const { outfile, bytes } = await bundleLambda('api', lambdaEntries.api, 'bench/.bundles')
 */
export const bundleLambda = async (name: string, entry: string, outDir: string) => {
  const outfile = join(outDir, name, 'index.mjs')
  const { banner, external, mainFields, ...rest } = esbuildSettings
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    ...rest,
    mainFields: [...mainFields],
    external: [...external],
    banner: { js: banner },
    logLevel: 'warning',
  })
  return { outfile, bytes: statSync(outfile).size }
}
