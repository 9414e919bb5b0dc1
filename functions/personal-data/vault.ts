import { createHmac, createSecretKey, type KeyObject, randomBytes, randomUUID } from 'node:crypto'
import {
  checkEnvelopeData,
  type EventEnvelope,
  type StoredEnvelope,
  joinPersonalData,
  normaliseEmail,
  type Sealed,
  splitPersonalData,
  subjectOf,
} from '../../domain/events/index.js'
import { type ErasedKeys, isKeyErased } from '../../domain/personal-data/erased-keys.js'
import { decrypt, encrypt } from './cipher.js'
import { type DataKeyItem, type KeyStore, subjectName } from './key-store.js'
import type { MasterKey } from './master-key.js'
import type { Sealer } from '../store/sealer.js'

/**
 * What a start-up's erasure record says was erased (its `startup.contacts-erased` events in
 * the Events table: erasure-ledger.ts). The Keys table alone cannot say: a restore of it
 * to before an erasure puts the destroyed keys back.
 */
export type ErasureLedger = (startupId: string) => Promise<ErasedKeys>

export interface VaultOptions {
  readonly keys: KeyStore
  readonly masterKey: MasterKey
  readonly erasures: ErasureLedger
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
 *
 * A key an erasure named is refused even when the Keys table holds it (a restore to before
 * the erasure): the events read erased, and a new event of that person gets a new key, the
 * old one destroyed again. Stored events name their key by its random id only (`sealed`),
 * never by anything derived from the address.
 */
export interface PersonalDataVault extends Sealer {
  /** The blind index of an address (HMAC-SHA-256 under a key of its own): never the address. */
  emailIndex(email: string): Promise<string>
  /** Drops an erased subject's key from this process at once. */
  forget(subject: Pick<DataKeyItem, 'startupId' | 'emailIndex'>): void
  /** The keys a start-up's erasures destroyed, as its erasure record says. */
  erasedKeys: ErasureLedger
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
  const { keys, masterKey, erasures } = options
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
    // Another writer made this subject's key first: use theirs, unless an erasure named it
    // (a restore of the Keys table put it back).
    const [winner] = await keys.find([subject])
    if (!winner) throw new Error(`The data key of ${subject} vanished while being created`)
    return liveKey(winner, await erasures(startupId))
  }

  const erasedOf = async (startupIds: Iterable<string>) => {
    const ids = [...new Set(startupIds)]
    const records = await Promise.all(ids.map((startupId) => erasures(startupId)))
    return new Map(ids.map((startupId, i) => [startupId, records[i] as ErasedKeys]))
  }

  const erased = (keyId: string, subject: string): CachedKey => ({ keyId, subject, key: null, until: Infinity })

  /** A subject's key as found in the table: its own, or, if an erasure named it, a new one. */
  const liveKey = async (item: DataKeyItem, erasedKeys: ErasedKeys | undefined): Promise<CachedKey> => {
    if (!erasedKeys || !isKeyErased(erasedKeys, item)) return unwrap(item)
    // Erased, and back in the table (a restore): destroyed again, never used to seal.
    await keys.destroy(item)
    remember(erased(item.keyId, subjectName(item.startupId, item.emailIndex)))
    return createKey(item.startupId, item.emailIndex)
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
    // A start-up registered by this very append has no key yet: no need to look (a key made
    // meanwhile by a retry of the same registration still wins, through createKey's condition).
    const registered = new Set(events.filter((event) => event.type === 'startup.registered')
      .map((event) => (event.data as { startupId?: unknown }).startupId))
    const lookedFor = [...wanted].filter(([, { startupId }]) => !registered.has(startupId))
    const found = lookedFor.length === 0 ? [] : await keys.find(lookedFor.map(([name]) => name))
    const known = new Map(found.map((item) => [subjectName(item.startupId, item.emailIndex), item]))
    // A new key needs no look at the erasure record (its id is new); a found one does.
    const erasedKeys = await erasedOf(found.map((item) => item.startupId))
    await Promise.all(
      [...wanted].map(async ([name, { startupId, emailIndex: index }]) => {
        const item = known.get(name)
        remember(item ? await liveKey(item, erasedKeys.get(startupId)) : await createKey(startupId, index))
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
    const sealed: Sealed = { keyId: entry.keyId, ...box }
    return { ...envelope, data: clear, sealed } as EventEnvelope
  }

  /** A start-up's keys wanted by id: one Query of its subjects, one read of its erasure record. */
  const fetchStartupKeys = async (startupId: string, keyIds: readonly string[]) => {
    const [items, erasedKeys] = await Promise.all([keys.ofStartup(startupId), erasures(startupId)])
    const current = new Map(items.map((item) => [item.keyId, item]))
    await Promise.all(
      keyIds.map(async (keyId) => {
        const item = current.get(keyId)
        const usable = item && !isKeyErased(erasedKeys, item)
        remember(usable ? await unwrap(item) : erased(keyId, `${startupId}#?`))
      }),
    )
  }

  const fetchKeys = async (envelopes: readonly StoredEnvelope[]) => {
    const now = clock()
    const missing = new Map<string, Set<string>>()
    for (const { sealed, data } of envelopes) {
      if (!sealed) continue
      const cached = byKeyId.get(sealed.keyId)
      if (cached && (!cached.key || cached.until > now)) continue
      // Every type with personal data names its start-up in clear (subjectOf relies on it).
      const startupId = (data as { startupId?: unknown }).startupId
      if (typeof startupId !== 'string') remember(erased(sealed.keyId, '?'))
      else missing.set(startupId, (missing.get(startupId) ?? new Set()).add(sealed.keyId))
    }
    await Promise.all([...missing].map(([startupId, keyIds]) => fetchStartupKeys(startupId, [...keyIds])))
  }

  const open: PersonalDataVault['open'] = async (envelopes) => {
    if (envelopes.some((envelope) => envelope.sealed)) await fetchKeys(envelopes)
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

  return { prepare, seal, open, emailIndex, forget, erasedKeys: erasures, keys }
}
