import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { createSecretKey, randomBytes } from 'node:crypto'
import { decrypt, encrypt, packCiphertext, unpackCiphertext } from './cipher.js'

/**
 * The key that wraps every data key, never stored beside them: a customer-managed KMS
 * key in AWS (kms-master-key.ts), a local file under `npm start` and the tests. A
 * wrapped key is bound to its `context` (the subject it belongs to): unwrapping it
 * under another context fails.
 */
export interface MasterKey {
  wrap(key: Uint8Array, context: Readonly<Record<string, string>>): Promise<string>
  unwrap(wrapped: string, context: Readonly<Record<string, string>>): Promise<Buffer>
}

const contextAad = (context: Readonly<Record<string, string>>): string =>
  JSON.stringify(Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

/** A master key held in memory: AES-256-GCM around each data key. */
export const inMemoryMasterKey = (material: Uint8Array): MasterKey => {
  if (material.length !== 32) throw new RangeError('A master key is 32 bytes')
  const key = createSecretKey(material)
  return {
    wrap: (data, context) => Promise.resolve(packCiphertext(encrypt(key, data, contextAad(context)))),
    unwrap: (wrapped, context) =>
      Promise.resolve(decrypt(key, unpackCiphertext(wrapped), contextAad(context))),
  }
}

/**
 * The local master key: 32 random bytes in `file` (mode 600), generated on first use
 * (`.local-data/master-key` by default, never committed). Two processes starting at once
 * agree: each writes its own candidate, only the first hard link to `file` succeeds, and
 * both read what it holds (never a half-written file).
 *
 * @example const master = localMasterKey('.local-data/master-key')
 */
export const localMasterKey = (file: string): MasterKey => {
  mkdirSync(dirname(file), { recursive: true })
  const candidate = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(candidate, randomBytes(32).toString('base64'), { mode: 0o600 })
  try {
    linkSync(candidate, file)
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    rmSync(candidate, { force: true })
  }
  return inMemoryMasterKey(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'))
}
