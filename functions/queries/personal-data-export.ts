import { type Contact, occurredAt } from '../../domain/events/index.js'
import { erasureStreamId, personalDataEvents, type StartupRecordsDeps } from './startup-records.js'

/** One personal fact held on a start-up's contact, and where it was recorded. */
export type PersonalRecord = {
  readonly eventId: string
  readonly streamId: string
  readonly version: number
  readonly type: string
  readonly recordedAt: string
  readonly occurredAt: string
} & ({ readonly contact: Contact; readonly erased: false } | { readonly contact: null; readonly erased: true })

export interface PersonalDataExport {
  readonly startupId: string
  readonly records: readonly PersonalRecord[]
  /** Each erasure of the start-up's contacts: when, how many, why (no personal data). */
  readonly erasures: readonly { readonly erasedAt: string; readonly contacts: number; readonly reason: string }[]
}

/**
 * The answer to a subject access request for a start-up's contact people: every event
 * that recorded their personal data, decrypted, with when and where it was recorded;
 * an erased contact is `contact: null, erased: true`. Undefined for an unknown start-up.
 *
 * @example const answer = await exportPersonalData(deps, startupId)
 */
export const exportPersonalData = async (
  deps: StartupRecordsDeps,
  startupId: string,
): Promise<PersonalDataExport | undefined> => {
  const [events, erasures] = await Promise.all([
    personalDataEvents(deps, startupId),
    deps.store.readStream(erasureStreamId(startupId)),
  ])
  if (events.length === 0) return undefined
  const records = events.map((event): PersonalRecord => {
    const { eventId, streamId, version, type, recordedAt } = event
    const where = { eventId, streamId, version, type, recordedAt, occurredAt: occurredAt(event) }
    const contact = 'contact' in event.data ? event.data.contact : null
    return contact ? { ...where, contact, erased: false } : { ...where, contact: null, erased: true }
  })
  return {
    startupId,
    records,
    erasures: erasures.flatMap((event) =>
      event.type === 'startup.contacts-erased'
        ? [{ erasedAt: event.recordedAt, contacts: event.data.contacts, reason: event.data.reason }]
        : [],
    ),
  }
}
