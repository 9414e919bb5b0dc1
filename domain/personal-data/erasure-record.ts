import { z } from 'zod'
import type { EventOf } from '../events/index.js'
import type { Aggregate, SnapshotCodec } from '../shared/decider.js'
import { RuleViolationError, UnknownCommandError } from '../shared/errors.js'

/** Why a start-up's contacts were erased: someone asked, or the retention period ran out. */
export type ErasureReason = 'request' | 'retention'

/** Record that data subjects of a start-up are being erased: the ids of their data keys. */
export interface RecordErasure {
  readonly type: 'RecordErasure'
  readonly startupId: string
  readonly keyIds: readonly string[]
  readonly reason: ErasureReason
}

/** Stream `personal-data-<startupId>` holds the start-up's erasures, apart from its registration. */
export type ErasureEvent = EventOf<'startup.contacts-erased'>

/** How many erasures the start-up's record holds: every erasure is on it, none is undone. */
export interface ErasureRecordState {
  readonly erasures: number
}

/**
 * The erasure record of a start-up: the one place its erasures are written down (how
 * many contacts, why, the ids of the keys destroyed; no personal data), so an erasure that
 * stops half-way is on record before any key is destroyed, a second one is told apart from
 * a retry, and a key a restore brings back is known to be erased (erased-keys.ts).
 *
 * @example erasureRecordDecider.decide({ type: 'RecordErasure', startupId, keyIds: [keyId], reason: 'request' }, state, undefined)
 */
export const erasureRecordDecider: Aggregate<RecordErasure, ErasureEvent, ErasureRecordState> = {
  decide(command) {
    switch (command.type) {
      case 'RecordErasure': {
        const { startupId, reason } = command
        const keyIds = [...new Set(command.keyIds)]
        if (keyIds.length === 0) {
          throw new RuleViolationError('nothing-to-erase', `No contact of start-up ${startupId} is left to erase`, 'invalid')
        }
        return [{ type: 'startup.contacts-erased', data: { startupId, contacts: keyIds.length, reason, keyIds } }]
      }
    }
    const _never: never = command.type
    throw new UnknownCommandError(command)
  },
  evolve: (draft) => ({ erasures: draft.erasures + 1 }),
  initialState: { erasures: 0 },
  streamId: (startupId) => `personal-data-${startupId}`,
  snapshot: {
    foldVersion: 1,
    encode: (state) => state,
    decode: (stored) => z.object({ erasures: z.number().int().min(0) }).parse(stored),
  } satisfies SnapshotCodec<ErasureRecordState>,
}
