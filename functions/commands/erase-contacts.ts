import { type EventEnvelope, subjectOf } from '../../domain/events/index.js'
import { type ErasedKeys, isKeyErased } from '../../domain/personal-data/erased-keys.js'
import { erasureRecordDecider, type ErasureReason } from '../../domain/personal-data/erasure-record.js'
import type { DataKeyItem } from '../personal-data/key-store.js'
import type { PersonalDataVault } from '../personal-data/vault.js'
import type { CommandContext } from './command-context.js'
import { handleCommand, type CommandDeps } from './handle-command.js'

export type { ErasureReason }

/** What an erasure needs: the handler's deps, the vault, and where a start-up's personal data is. */
export interface ErasureDeps extends CommandDeps {
  readonly personalData: PersonalDataVault
  /**
   * Every event of a start-up that holds personal data (the read side finds them:
   * functions/queries/startup-records.ts), declared here so the write side imports no query.
   */
  readonly personalDataEvents: (startupId: string) => Promise<EventEnvelope[]>
}

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

const refOf = ({ streamId, version, type, recordedAt }: EventEnvelope): ErasedEventRef => ({ streamId, version, type, recordedAt })

/** Destroys again the keys an erasure already named that the Keys table holds (a restore). */
const destroyAgain = async (deps: Pick<ErasureDeps, 'personalData'>, keys: readonly DataKeyItem[]) => {
  let destroyed = 0
  for (const key of keys) {
    if (await deps.personalData.keys.destroy(key)) destroyed += 1
    deps.personalData.forget(key)
  }
  return destroyed
}

const splitErased = (keys: readonly DataKeyItem[], erased: ErasedKeys) => ({
  already: keys.filter((key) => isKeyErased(erased, key)),
  live: keys.filter((key) => !isKeyErased(erased, key)),
})

/**
 * Erases some of a start-up's data subjects (all of them when `only` is undefined):
 * records `startup.contacts-erased` first (handleCommand, on the start-up's erasure
 * record), naming the keys, then destroys them, so an erasure that stops half-way is done
 * again by a retry, and every erasure is on record. Calling it again finds nothing left: it
 * answers 0 and records nothing. A key the record already names (put back by a restore of
 * the Keys table) is destroyed again, not erased twice.
 *
 * @example await eraseStartupContacts(deps, startupId, { reason: 'request', context })
 */
export const eraseStartupContacts = async (
  deps: ErasureDeps,
  startupId: string,
  { reason, context, only }: { reason: ErasureReason; context: CommandContext; only?: readonly DataKeyItem[] },
): Promise<StartupErasure> => {
  const { keys } = deps.personalData
  const [found, erased] = await Promise.all([only ?? keys.ofStartup(startupId), deps.personalData.erasedKeys(startupId)])
  const { already, live: subjects } = splitErased(found, erased)
  await destroyAgain(deps, already)
  if (subjects.length === 0) return { startupId, contactsErased: 0, events: [] }
  const erasing = new Set(subjects.map((subject) => subject.emailIndex))
  const events: ErasedEventRef[] = []
  for (const event of await deps.personalDataEvents(startupId)) {
    const subject = subjectOf(event)
    if (subject && erasing.has(await deps.personalData.emailIndex(subject.email))) events.push(refOf(event))
  }
  await handleCommand(
    deps,
    {
      aggregate: erasureRecordDecider,
      id: startupId,
      decide: ({ state }) => ({
        events: erasureRecordDecider.decide(
          { type: 'RecordErasure', startupId, keyIds: subjects.map((subject) => subject.keyId), reason },
          state,
          undefined,
        ),
        result: undefined,
      }),
    },
    context,
  )
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
 * @example await eraseDataSubject(deps, 'ines@calanques.example', { context })
 */
export const eraseDataSubject = async (
  deps: ErasureDeps,
  email: string,
  { context }: { context: CommandContext },
): Promise<StartupErasure[]> => {
  const index = await deps.personalData.emailIndex(email)
  const subjects = await deps.personalData.keys.ofEmail(index)
  const byStartup = new Map<string, DataKeyItem[]>()
  for (const subject of subjects) {
    byStartup.set(subject.startupId, [...(byStartup.get(subject.startupId) ?? []), subject])
  }
  const erased: StartupErasure[] = []
  for (const [startupId, only] of [...byStartup].sort(([a], [b]) => a.localeCompare(b))) {
    erased.push(await eraseStartupContacts(deps, startupId, { reason: 'request', context, only }))
  }
  return erased
}

/**
 * Applies every recorded erasure again: the keys a start-up's erasure record names that the
 * Keys table holds (put back by a restore to before the erasure) are destroyed, so nothing
 * derived from an erased address (the `emailIndex` of their items) stays behind them. The
 * vault already refuses such keys; this takes them out of the table. Answers how many it
 * destroyed (0 unless the Keys table was restored).
 *
 * @example await reapplyErasures(deps, directory.map((startup) => startup.startupId))
 */
export const reapplyErasures = async (
  deps: Pick<ErasureDeps, 'personalData'>,
  startupIds: Iterable<string>,
): Promise<number> => {
  let destroyed = 0
  for (const startupId of new Set(startupIds)) {
    const erased = await deps.personalData.erasedKeys(startupId)
    if (erased.keyIds.size === 0 && erased.everyKeyMadeBy === undefined) continue
    const { already } = splitErased(await deps.personalData.keys.ofStartup(startupId), erased)
    destroyed += await destroyAgain(deps, already)
  }
  return destroyed
}
