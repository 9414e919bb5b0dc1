import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { build } from 'esbuild'

/** Where the pages' sources are, and what each one becomes (functions/website/assets.ts). */
export const pageAssetSources = {
  'form.js': 'functions/website/assets/form.ts',
  'pages.css': 'functions/website/assets/pages.css',
} as const

/**
 * Where `npm start` and app-instance.ts find the build: beside app-instance.ts in the
 * repository, beside index.mjs in the Lambda bundle (the same relative path).
 */
export const pageAssetsDir = 'functions/http/page-assets'

/**
 * Builds the pages' script and stylesheet with esbuild into `outDir`: bundled, minified,
 * named `<name>-<content hash>.<ext>`, with `manifest.json` mapping each source name to
 * its file. The hash is what lets the API serve them with a year of caching.
 *
 * @example const { manifest, ms } = await buildPageAssets('functions/http/page-assets')
 */
export const buildPageAssets = async (outDir: string) => {
  const started = performance.now()
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const entries = Object.entries(pageAssetSources)
  const result = await build({
    entryPoints: Object.fromEntries(entries.map(([name, source]) => [name.replace(/\.(js|css)$/, ''), source])),
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    entryNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  })
  const manifest: Record<string, string> = {}
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    const source = entries.find(([, path]) => meta.entryPoint === path)
    if (source) manifest[source[0]] = basename(output)
  }
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  return { manifest, ms: Math.round(performance.now() - started) }
}
