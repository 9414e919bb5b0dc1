import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { createKeyStore, type KeyStore } from './key-store.js'
import type { MasterKey } from './master-key.js'
import { masterKeyFromEnv } from './vault-from-env.js'

/**
 * The way to withdraw that the *application received* message carries: a signed link,
 * `/applications/{id}/withdraw?token=w1.<mac>`, where the mac is an HMAC-SHA-256 of the
 * application's id under a key of the programme's own (in the Keys table, wrapped by the
 * master key like the blind-index key: KMS in AWS). Nothing is stored per application:
 * the store keeps only the hash of the token the confirmation page showed, and the link is
 * checked by recomputing its mac. It withdraws that application and no other, and a
 * changed character makes it worthless.
 */
export interface WithdrawalLinks {
  /** The token of an application's link (the key made and wrapped on first use). */
  sign(applicationId: string): Promise<string>
  /** Whether `token` is this application's link token; never makes the key (no key: no link is valid). */
  verify(applicationId: string, token: string): Promise<boolean>
}

const version = 'w1'
const wrapContext = { purpose: 'withdrawal-link' } as const

const macOf = (key: Buffer, applicationId: string) =>
  createHmac('sha256', key).update(`withdraw\n${applicationId}`).digest()

/**
 * @example const links = createWithdrawalLinks({ keys, masterKey }); const token = await links.sign(applicationId)
 */
export const createWithdrawalLinks = ({
  keys,
  masterKey,
}: {
  keys: KeyStore
  masterKey: MasterKey
}): WithdrawalLinks => {
  // The key never changes once made: unwrapped once per process.
  let key: Promise<Buffer> | undefined

  const existing = async (): Promise<Buffer | undefined> => {
    const stored = await keys.withdrawalLinkKey()
    return stored === undefined ? undefined : masterKey.unwrap(stored, wrapContext)
  }

  const made = async (): Promise<Buffer> => {
    const found = await existing()
    if (found) return found
    const fresh = randomBytes(32)
    if (await keys.createWithdrawalLinkKey(await masterKey.wrap(fresh, wrapContext))) return fresh
    const winner = await existing()
    if (!winner) throw new Error('The withdrawal-link key vanished while being made')
    return winner
  }

  // Made or found once per process (a failure is forgotten, to be tried again).
  const signingKey = (): Promise<Buffer> =>
    (key ??= made().catch((error: unknown) => {
      key = undefined
      throw error
    }))
  // Checking never makes it: before the first link was signed, no token can be valid.
  const checkingKey = async (): Promise<Buffer | undefined> => {
    if (key) return key
    const found = await existing()
    if (found) key ??= Promise.resolve(found)
    return found
  }

  return {
    async sign(applicationId) {
      return `${version}.${macOf(await signingKey(), applicationId).toString('base64url')}`
    },
    async verify(applicationId, token) {
      const [tag, mac, ...rest] = token.split('.')
      if (tag !== version || !mac || rest.length > 0) return false
      const presented = Buffer.from(mac, 'base64url')
      if (presented.length !== 32 || presented.toString('base64url') !== mac) return false
      const checking = await checkingKey()
      return checking !== undefined && timingSafeEqual(presented, macOf(checking, applicationId))
    },
  }
}

/**
 * The withdrawal links of a Lambda or of `npm start`: the Keys table from `KEYS_TABLE`, the
 * master key as the vault's (masterKeyFromEnv).
 *
 * @example const links = withdrawalLinksFromEnv(process.env, doc)
 */
export const withdrawalLinksFromEnv = (
  env: NodeJS.ProcessEnv,
  doc: DocumentClient,
): WithdrawalLinks =>
  createWithdrawalLinks({
    keys: createKeyStore({ doc, table: tableNamesFromEnv(env, ['keys']).keys }),
    masterKey: masterKeyFromEnv(env),
  })
