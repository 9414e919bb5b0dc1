import { type EventEnvelope, type EventMetadata, subjectOf } from '../../domain/events/index.js'
import { backoff } from '../shared/backoff.js'
import { ConcurrencyError } from '../store/errors.js'
import type { DataKeyItem } from '../personal-data/key-store.js'
import { erasureStreamId, personalDataEvents, type StartupRecordsDeps } from '../queries/startup-records.js'
import type { PersonalDataVault } from '../personal-data/vault.js'

export interface ErasureDeps extends StartupRecordsDeps {
  readonly personalData: PersonalDataVault
}

export type ErasureReason = 'request' | 'retention'

/** An event whose personal data an erasure made unreadable (no personal data in it). */
export interface ErasedEventRef {
  readonly streamId: string
  readonly version: number
  readonly type: string
  readonly recordedAt: string
}

export interface StartupErasure {
  readonly startupId: string
  /** Contact people whose data keys this call destroyed (0: nothing was left to erase). */
  readonly contactsErased: number
  /** The events that held their personal data: they read `contact: null` from now on. */
  readonly events: readonly ErasedEventRef[]
}

const maxAttempts = 5

/** Appends `startup.contacts-erased` at the end of the start-up's erasure stream, whoever else writes there. */
const recordErasure = async (
  { store }: ErasureDeps,
  startupId: string,
  data: { contacts: number; reason: ErasureReason },
  metadata: EventMetadata,
) => {
  const streamId = erasureStreamId(startupId)
  const event = { type: 'startup.contacts-erased' as const, data: { startupId, ...data } }
  for (let attempt = 1; ; attempt++) {
    const expectedVersion = await store.streamVersion(streamId)
    try {
      return await store.append([{ streamId, expectedVersion, events: [event] }], { metadata })
    } catch (error: unknown) {
      if (!(error instanceof ConcurrencyError) || attempt === maxAttempts) throw error
      await backoff(attempt, { baseMs: 10 })
    }
  }
}

const refOf = ({ streamId, version, type, recordedAt }: EventEnvelope): ErasedEventRef => ({
  streamId,
  version,
  type,
  recordedAt,
})

/**
 * Erases some of a start-up's data subjects (all of them when `only` is undefined):
 * records `startup.contacts-erased` first, then destroys their data keys, so an erasure
 * that stops half-way is done again by a retry, and every erasure is on record. Calling
 * it again finds nothing left: it answers 0 and records nothing.
 *
 * @example await eraseStartupContacts(deps, startupId, { reason: 'request', metadata })
 */
export const eraseStartupContacts = async (
  deps: ErasureDeps,
  startupId: string,
  { reason, metadata, only }: { reason: ErasureReason; metadata: EventMetadata; only?: readonly DataKeyItem[] },
): Promise<StartupErasure> => {
  const { keys } = deps.personalData
  const subjects = only ?? (await keys.ofStartup(startupId))
  if (subjects.length === 0) return { startupId, contactsErased: 0, events: [] }
  const erasing = new Set(subjects.map((subject) => subject.emailIndex))
  const held = await personalDataEvents(deps, startupId)
  const events: ErasedEventRef[] = []
  for (const event of held) {
    const subject = subjectOf(event)
    if (subject && erasing.has(await deps.personalData.emailIndex(subject.email))) events.push(refOf(event))
  }
  await recordErasure(deps, startupId, { contacts: subjects.length, reason }, metadata)
  let contactsErased = 0
  for (const subject of subjects) {
    if (await keys.destroy(subject)) contactsErased += 1
    deps.personalData.forget(subject)
  }
  return { startupId, contactsErased, events }
}

/**
 * Erases one person wherever they were a contact: the blind index of the address finds
 * each start-up's subject (the address itself is never stored), and each start-up's
 * erasure is recorded on its own.
 *
 * @example await eraseDataSubject(deps, 'ines@calanques.example', { metadata })
 */
export const eraseDataSubject = async (
  deps: ErasureDeps,
  email: string,
  { metadata }: { metadata: EventMetadata },
): Promise<StartupErasure[]> => {
  const index = await deps.personalData.emailIndex(email)
  const subjects = await deps.personalData.keys.ofEmail(index)
  const byStartup = new Map<string, DataKeyItem[]>()
  for (const subject of subjects) {
    byStartup.set(subject.startupId, [...(byStartup.get(subject.startupId) ?? []), subject])
  }
  const erased: StartupErasure[] = []
  for (const [startupId, only] of [...byStartup].sort(([a], [b]) => a.localeCompare(b))) {
    erased.push(await eraseStartupContacts(deps, startupId, { reason: 'request', metadata, only }))
  }
  return erased
}
