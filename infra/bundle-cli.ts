/**
 * `node --import tsx infra/bundle-cli.ts <entry> <outputDir>`: bundles one Lambda into
 * `<outputDir>/index.mjs`. CDK's local bundling runs it (synth is synchronous, and an
 * esbuild plugin needs esbuild's asynchronous API, so it runs in its own process).
 */
import { basename, dirname } from 'node:path'
import { bundleLambda } from './lambda-bundles.js'

const [entry, outputDir] = process.argv.slice(2)
if (!entry || !outputDir) {
  console.error('Usage: node --import tsx infra/bundle-cli.ts <entry> <outputDir>')
  process.exit(2)
}
await bundleLambda(basename(outputDir), entry, dirname(outputDir))
