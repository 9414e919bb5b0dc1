import { createHmac, createSecretKey, type KeyObject, randomBytes, randomUUID } from 'node:crypto'
import {
  checkEnvelopeData,
  type EventEnvelope,
  joinPersonalData,
  normaliseEmail,
  type Sealed,
  splitPersonalData,
  subjectOf,
} from '../../domain/events/index.js'
import { decrypt, encrypt } from './cipher.js'
import { type DataKeyItem, type KeyStore, subjectName } from './key-store.js'
import type { MasterKey } from './master-key.js'
import type { Sealer } from '../store/sealer.js'

export interface VaultOptions {
  readonly keys: KeyStore
  readonly masterKey: MasterKey
  /** How long an unwrapped data key stays in this process (default 60 s). */
  readonly cacheTtlMs?: number
  readonly clock?: () => number
}

/**
 * Personal data at the event store's boundary: sealed before any write, opened on read.
 *
 * - `prepare` makes sure every subject of the events about to be written has a data key
 *   (created, wrapped by the master key, on its first event), so `seal` runs without I/O
 *   inside the append's planning.
 * - `seal` stores an event's personal fields encrypted (AES-256-GCM, bound to its event id)
 *   and `null` in its data, so the Events table, the Feed copied from it, and everything
 *   downstream never hold them in clear.
 * - `open` puts them back for the readers that need them, or leaves them `null` when the
 *   subject's key was destroyed: an erased subject is a `null` contact, never an error.
 */
export interface PersonalDataVault extends Sealer {
  /** The blind index of an address (HMAC-SHA-256 under a key of its own): never the address. */
  emailIndex(email: string): Promise<string>
  /** Drops an erased subject's key from this process at once. */
  forget(subject: Pick<DataKeyItem, 'startupId' | 'emailIndex'>): void
  readonly keys: KeyStore
}

interface CachedKey {
  readonly keyId: string
  readonly subject: string
  /** null: destroyed (or never made); a key id is never reused, so that is for good. */
  readonly key: KeyObject | null
  readonly until: number
}

/** Sealed events do not say which subject they hold in clear, so opening reports it. */
export class SealNotPreparedError extends Error {
  override readonly name = 'SealNotPreparedError'
  constructor(readonly subject: string) {
    super(`No data key prepared for subject ${subject}: call prepare() before seal()`)
  }
}

const wrapContext = (subject: string) => ({ purpose: 'personal-data', subject })

/**
 * @example
 *   const vault = createPersonalDataVault({ keys: createKeyStore({ doc, table }), masterKey })
 *   await store.append(…) // with createDynamoEventStore({ …, personalData: vault })
 */
export const createPersonalDataVault = (options: VaultOptions): PersonalDataVault => {
  const { keys, masterKey } = options
  const ttl = options.cacheTtlMs ?? 60_000
  const clock = options.clock ?? Date.now
  const bySubject = new Map<string, CachedKey>()
  const byKeyId = new Map<string, CachedKey>()
  const indexes = new Map<string, string>()
  let blindKey: Promise<KeyObject> | undefined

  const loadBlindKey = async (): Promise<KeyObject> => {
    const context = wrapContext('blind-index')
    const stored = await keys.blindIndexKey()
    if (stored) return createSecretKey(await masterKey.unwrap(stored, context))
    const fresh = randomBytes(32)
    if (await keys.createBlindIndexKey(await masterKey.wrap(fresh, context))) return createSecretKey(fresh)
    const winner = await keys.blindIndexKey()
    if (!winner) throw new Error('The blind-index key vanished while being created')
    return createSecretKey(await masterKey.unwrap(winner, context))
  }

  const emailIndex = async (email: string): Promise<string> => {
    const normalised = normaliseEmail(email)
    const known = indexes.get(normalised)
    if (known) return known
    blindKey ??= loadBlindKey().catch((error: unknown) => {
      blindKey = undefined
      throw error
    })
    const index = createHmac('sha256', await blindKey).update(normalised).digest('base64url')
    if (indexes.size > 10_000) indexes.clear()
    indexes.set(normalised, index)
    return index
  }

  const remember = (entry: CachedKey) => {
    byKeyId.set(entry.keyId, entry)
    if (entry.key) bySubject.set(entry.subject, entry)
  }

  const unwrap = async (item: DataKeyItem): Promise<CachedKey> => {
    const subject = subjectName(item.startupId, item.emailIndex)
    const key = createSecretKey(await masterKey.unwrap(item.wrappedKey, wrapContext(subject)))
    return { keyId: item.keyId, subject, key, until: clock() + ttl }
  }

  const createKey = async (startupId: string, emailIndex: string): Promise<CachedKey> => {
    const subject = subjectName(startupId, emailIndex)
    const material = randomBytes(32)
    const item: DataKeyItem = {
      startupId,
      emailIndex,
      keyId: randomUUID(),
      wrappedKey: await masterKey.wrap(material, wrapContext(subject)),
      createdAt: new Date(clock()).toISOString(),
    }
    const key = createSecretKey(material)
    if (await keys.create(item)) return { keyId: item.keyId, subject, key, until: clock() + ttl }
    // Another writer made this subject's key first: use theirs.
    const [winner] = await keys.find([subject])
    if (!winner) throw new Error(`The data key of ${subject} vanished while being created`)
    return unwrap(winner)
  }

  const prepare: PersonalDataVault['prepare'] = async (events) => {
    const wanted = new Map<string, { startupId: string; emailIndex: string }>()
    for (const event of events) {
      const subject = subjectOf(event)
      if (!subject) continue
      const index = await emailIndex(subject.email)
      const name = subjectName(subject.startupId, index)
      const cached = bySubject.get(name)
      if (!cached || cached.until <= clock()) wanted.set(name, { startupId: subject.startupId, emailIndex: index })
    }
    if (wanted.size === 0) return
    const found = await keys.find([...wanted.keys()])
    const known = new Map(found.map((item) => [subjectName(item.startupId, item.emailIndex), item]))
    await Promise.all(
      [...wanted].map(async ([name, { startupId, emailIndex: index }]) => {
        const item = known.get(name)
        remember(item ? await unwrap(item) : await createKey(startupId, index))
      }),
    )
  }

  const seal: PersonalDataVault['seal'] = (envelope) => {
    const subject = subjectOf(envelope)
    if (!subject) return envelope
    const index = indexes.get(subject.email)
    const entry = index ? bySubject.get(subjectName(subject.startupId, index)) : undefined
    if (!entry?.key) throw new SealNotPreparedError(`${subject.startupId}#?`)
    const { clear, personal } = splitPersonalData(envelope.type, envelope.data)
    const box = encrypt(entry.key, Buffer.from(JSON.stringify(personal), 'utf8'), envelope.eventId)
    const sealed: Sealed = { keyId: entry.keyId, subject: entry.subject, ...box }
    return { ...envelope, data: clear, sealed } as EventEnvelope
  }

  const fetchKeys = async (sealed: readonly Sealed[]) => {
    const now = clock()
    const missing = new Map<string, string>()
    for (const { keyId, subject } of sealed) {
      const cached = byKeyId.get(keyId)
      if (!cached || (cached.key && cached.until <= now)) missing.set(keyId, subject)
    }
    if (missing.size === 0) return
    const found = await keys.find([...missing.values()])
    const current = new Map(found.map((item) => [item.keyId, item]))
    await Promise.all(
      [...missing].map(async ([keyId, subject]) => {
        const item = current.get(keyId)
        remember(item ? await unwrap(item) : { keyId, subject, key: null, until: Infinity })
      }),
    )
  }

  const open: PersonalDataVault['open'] = async (envelopes) => {
    const sealed = envelopes.flatMap((envelope) => (envelope.sealed ? [envelope.sealed] : []))
    if (sealed.length > 0) await fetchKeys(sealed)
    return envelopes.map((envelope) => {
      if (!envelope.sealed) return checkEnvelopeData(envelope)
      const { sealed: box, ...stored } = envelope
      const key = byKeyId.get(box.keyId)?.key
      const personal = key
        ? (JSON.parse(decrypt(key, box, envelope.eventId).toString('utf8')) as Record<string, unknown>)
        : undefined
      // The data's one check: its personal fields are back (or null, erased).
      return checkEnvelopeData({ ...stored, data: joinPersonalData(envelope.type, stored.data, personal) })
    })
  }

  const forget: PersonalDataVault['forget'] = ({ startupId, emailIndex: index }) => {
    const subject = subjectName(startupId, index)
    bySubject.delete(subject)
    for (const entry of byKeyId.values()) {
      if (entry.subject === subject) byKeyId.set(entry.keyId, { ...entry, key: null, until: Infinity })
    }
  }

  return { prepare, seal, open, emailIndex, forget, keys }
}
