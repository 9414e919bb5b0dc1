import { copyFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { build, type Metafile, type Plugin } from 'esbuild'
import { referenceBundleName, referenceBundlePath } from '../functions/http/routes/docs.js'
import { buildPageAssets } from './page-assets.js'

/**
 * Every Lambda's entry file, and the one way they are bundled: ESM, minified with
 * source maps, Node 24, the AWS SDK left to the runtime, English-only zod. CDK
 * (infra/constructs/node-function.ts), the benchmark's cold-start case and the
 * bundle boot test all build with this, so what is measured is what is deployed.
 */
export const lambdaEntries = {
  api: 'functions/http/lambda.ts',
  indexer: 'functions/indexer/lambda.ts',
  projector: 'functions/projector/lambda.ts',
  rebuild: 'functions/rebuild/lambda.ts',
  dispatcher: 'functions/webhooks/dispatch/lambda.ts',
  deliverer: 'functions/webhooks/delivery/lambda.ts',
  retention: 'functions/retention/lambda.ts',
  notifier: 'functions/notifier/lambda.ts',
} as const

/**
 * Files a Lambda reads at run time beside its bundle: the API serves the API reference's
 * browser script from the npm package (never a CDN), so the package's file goes along.
 */
const besideBundle: Partial<Record<keyof typeof lambdaEntries, () => Array<[from: string, name: string]>>> = {
  api: () => [[referenceBundlePath(), referenceBundleName]],
}

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
 * An ESM `import http from 'node:http'` makes Node build that module's ESM facade, which
 * reads every export, lazy getters included, and node:http's load undici (for its
 * WebSocket): about 90 ms of CPU at cold start that `require('node:http')` does not spend
 * (Node 24). Powertools' Tracer and our webhook sender import it so: in the bundle they
 * require it instead, when the importing module first runs, and keep the same exports.
 */
export const httpByRequire: Plugin = {
  name: 'http-by-require',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(node:)?https?$/ }, (args) =>
      args.kind === 'import-statement' || args.kind === 'dynamic-import'
        ? { path: args.path, namespace: 'http-by-require' }
        : undefined,
    )
    pluginBuild.onLoad({ filter: /.*/, namespace: 'http-by-require' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)})`,
      loader: 'js',
    }))
  },
}

/**
 * Bundles one entry to `<outDir>/<name>/index.mjs` (with its source map): what CDK
 * deploys (through infra/bundle-cli.ts), the benchmark measures and the boot test runs.
 * Code split: a module the entry reaches only through `import()` ships as its own ESM
 * chunk beside index.mjs (chunk-*.mjs, so `import.meta.url` finds the same files), read
 * and evaluated on first use. `startBytes` is what a cold start reads (the entry and the
 * chunks it imports statically), `totalBytes` everything deployed.
 *
 * @example const { outfile, startBytes } = await bundleLambda('api', lambdaEntries.api, 'bench/.bundles')
 */
export const bundleLambda = async (name: string, entry: string, outDir: string) => {
  const dir = join(outDir, name)
  const outfile = join(dir, 'index.mjs')
  // Chunks are named by content: remove the last build's, so the folder holds one build.
  for (const file of existsSync(dir) ? readdirSync(dir) : []) {
    if (/^chunk-.*\.mjs(\.map)?$/.test(file)) rmSync(join(dir, file))
  }
  const { banner, external, mainFields, ...rest } = esbuildSettings
  const { metafile } = await build({
    entryPoints: { index: entry },
    outdir: dir,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    ...rest,
    mainFields: [...mainFields],
    external: [...external],
    banner: { js: banner },
    sourcemap: true,
    sourcesContent: false,
    plugins: [leanZod, httpByRequire],
    logLevel: 'warning',
    metafile: true,
  })
  // CDK names its output folder, not the function: find the Lambda by its entry file.
  const lambda = (Object.keys(lambdaEntries) as (keyof typeof lambdaEntries)[]).find(
    (key) => key === name || resolve(entry) === resolve(lambdaEntries[key]),
  )
  for (const [from, file] of (lambda && besideBundle[lambda]?.()) || []) {
    copyFileSync(from, join(dirname(outfile), file))
  }
  // The API serves the pages' built assets from beside its bundle (functions/http/app-instance.ts).
  if (lambda === 'api') await buildPageAssets(join(dir, 'page-assets'))
  const { startBytes, totalBytes } = bundleSizes(metafile)
  return { outfile, bytes: startBytes, startBytes, totalBytes }
}

/** Bytes of the entry and the chunks it imports statically (what a cold start reads), and of all. */
const bundleSizes = (metafile: Metafile) => {
  const outputs = Object.entries(metafile.outputs).filter(([path]) => path.endsWith('.mjs'))
  const byPath = new Map(outputs)
  const loaded = new Set<string>()
  const visit = (path: string) => {
    if (loaded.has(path)) return
    loaded.add(path)
    for (const imported of byPath.get(path)?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path)
    }
  }
  // import() targets are entry points to esbuild too: the Lambda's is index.mjs.
  for (const [path] of outputs) if (basename(path) === 'index.mjs') visit(path)
  const size = (paths: Iterable<string>) => [...paths].reduce((sum, path) => sum + statSync(path).size, 0)
  return { startBytes: size(loaded), totalBytes: size(byPath.keys()) }
}
