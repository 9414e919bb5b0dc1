import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/** Where a running `npm start` says which DynamoDB Local it started (its port is random). */
export const runtimeFilePath = '.local-data/runtime.json'

export interface LocalRuntime {
  readonly DYNAMODB_ENDPOINT: string
  readonly TABLE_PREFIX: string
}

/** Written by `npm start` once its tables exist; removed when it stops. */
export const writeRuntimeFile = (runtime: LocalRuntime, path = runtimeFilePath) => {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${JSON.stringify(runtime, null, 2)}\n`)
  return () => rmSync(path, { force: true })
}

/**
 * The running `npm start`'s endpoint and table prefix, as defaults for the CLIs
 * (`npm run report`, `npm run rebuild`); the environment still wins.
 *
 * @example const settings = schema.parse({ ...localRuntimeDefaults(), ...process.env })
 */
export const localRuntimeDefaults = (path = runtimeFilePath): Partial<LocalRuntime> =>
  existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as LocalRuntime) : {}
