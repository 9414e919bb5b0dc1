import type { EventEnvelope } from '../events/index.js'

/**
 * Which data keys a start-up's erasures destroyed, as its erasure record says
 * (`startup.contacts-erased` in `personal-data-<startupId>`, the Events table). A restore
 * of the Keys table to before an erasure puts the destroyed keys back, and the master key
 * still unwraps them; the Events table, which a restore of the Keys table does not touch,
 * still names them. So a key is erased for good once an erasure names it, whatever the
 * Keys table says: the vault refuses it, and writing, erasing or the daily re-application
 * destroys it again (functions/personal-data, functions/commands/erase-contacts.ts).
 */
export interface ErasedKeys {
  /** The keys named by an erasure (v2 on): ids are random and never reused. */
  readonly keyIds: ReadonlySet<string>
  /**
   * The latest erasure that named no key (v1): every key made up to then counts as erased,
   * which may take more than that erasure did (one address of several), never less.
   */
  readonly everyKeyMadeBy: string | undefined
}

export const nothingErased: ErasedKeys = { keyIds: new Set(), everyKeyMadeBy: undefined }

/**
 * What a start-up's erasure record says was erased.
 *
 * @example erasedKeysOf(await store.readStream(`personal-data-${startupId}`))
 */
export const erasedKeysOf = (record: readonly EventEnvelope[]): ErasedKeys => {
  const keyIds = new Set<string>()
  let everyKeyMadeBy: string | undefined
  for (const event of record) {
    if (event.type !== 'startup.contacts-erased') continue
    if (event.data.keyIds === null) {
      if (everyKeyMadeBy === undefined || event.recordedAt > everyKeyMadeBy)
        everyKeyMadeBy = event.recordedAt
    } else for (const keyId of event.data.keyIds) keyIds.add(keyId)
  }
  return { keyIds, everyKeyMadeBy }
}

/**
 * Whether a data key was erased, whatever the Keys table holds.
 *
 * @example isKeyErased(erased, { keyId, createdAt }) // true once an erasure named it
 */
export const isKeyErased = (
  erased: ErasedKeys,
  key: { readonly keyId: string; readonly createdAt: string },
): boolean =>
  erased.keyIds.has(key.keyId) ||
  (erased.everyKeyMadeBy !== undefined && key.createdAt <= erased.everyKeyMadeBy)
