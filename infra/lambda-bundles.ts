import { rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { build, type Metafile, type Plugin } from 'esbuild'
import { buildPageAssets } from './page-assets.js'

/**
 * Every Lambda's entry file, and the one way they are bundled: ESM, minified with
 * source maps, Node 24, the AWS SDK left to the runtime, English-only zod. CDK
 * (infra/constructs/node-function.ts), the benchmark's cold-start case and the
 * bundle boot test all build with this, so what is measured is what is deployed.
 */
export const lambdaEntries = {
  api: 'functions/api/lambda.ts',
  indexer: 'functions/indexer/lambda.ts',
  projector: 'functions/projector/lambda.ts',
  rebuild: 'functions/rebuild/lambda.ts',
  dispatcher: 'functions/webhooks/dispatch/lambda.ts',
  deliverer: 'functions/webhooks/delivery/lambda.ts',
} as const

export const esbuildSettings = {
  format: 'esm',
  target: 'node24',
  minify: true,
  mainFields: ['module', 'main'],
  external: ['@aws-sdk/*', '@smithy/*'],
  // ESM bundles of CommonJS dependencies still call require(): give them one.
  banner: "import { createRequire } from 'node:module';const require=createRequire(import.meta.url);",
} as const

/**
 * zod's namespace export keeps every translated error locale (258 KiB, 40% of the
 * API bundle) and its JSON-Schema importer reachable, though our messages are in
 * English and we never import JSON Schema. This plugin gives the bundle English
 * only and a stub importer; behaviour is otherwise zod's own.
 */
export const leanZod: Plugin = {
  name: 'lean-zod',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.\/locales\/index\.js$|^\.\/from-json-schema\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), args.path), namespace: 'lean-zod' }
        : undefined,
    )
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lean-zod' }, (args) => ({
      resolveDir: dirname(args.path),
      contents: args.path.endsWith('from-json-schema.js')
        ? "export const fromJSONSchema = () => { throw new Error('fromJSONSchema is not bundled') }"
        : "export { default as en } from './en.js'",
    }))
  },
}

/**
 * Bundles one entry to `<outDir>/<name>/index.mjs` (with its source map): what CDK
 * deploys (through infra/bundle-cli.ts), the benchmark measures and the boot test runs.
 * Code split (ESM chunks beside index.mjs, under chunks/): a module the entry only
 * reaches through `import()` ships as its own chunk, read and evaluated on first use,
 * so what a cold start loads is the entry and the chunks it imports statically
 * (`startBytes`); `totalBytes` is everything deployed.
 *
 * @example const { outfile, startBytes } = await bundleLambda('api', lambdaEntries.api, 'bench/.bundles')
 */
export const bundleLambda = async (name: string, entry: string, outDir: string) => {
  const dir = join(outDir, name)
  const outfile = join(dir, 'index.mjs')
  // Chunks are named by content: remove the last build's, so the folder holds one build.
  rmSync(join(dir, 'chunks'), { recursive: true, force: true })
  const { banner, external, mainFields, ...rest } = esbuildSettings
  const { metafile } = await build({
    entryPoints: { index: entry },
    outdir: dir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    ...rest,
    mainFields: [...mainFields],
    external: [...external],
    banner: { js: banner },
    sourcemap: true,
    sourcesContent: false,
    plugins: [leanZod],
    logLevel: 'warning',
    metafile: true,
  })
  // The API serves the pages' built assets from beside its bundle (functions/api/app-instance.ts).
  if (resolve(entry) === resolve(lambdaEntries.api)) await buildPageAssets(join(dir, 'page-assets'))
  const { startBytes, totalBytes } = bundleSizes(metafile)
  return { outfile, bytes: startBytes, startBytes, totalBytes }
}

/** Bytes of the entry and the chunks it imports statically (what a cold start reads), and of all. */
const bundleSizes = (metafile: Metafile) => {
  const outputs = Object.entries(metafile.outputs).filter(([path]) => path.endsWith('.mjs'))
  const byPath = new Map(outputs)
  const entry = outputs.find(([, output]) => output.entryPoint)?.[0]
  const loaded = new Set<string>()
  const visit = (path: string) => {
    if (loaded.has(path)) return
    loaded.add(path)
    for (const imported of byPath.get(path)?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path)
  }
  if (entry) visit(entry)
  const size = (paths: Iterable<string>) => [...paths].reduce((sum, path) => sum + statSync(path).size, 0)
  return { startBytes: size(loaded), totalBytes: size(byPath.keys()) }
}
