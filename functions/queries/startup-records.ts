import { applicationStreamId } from '../../domain/application/index.js'
import { type EventEnvelope, personalDataFields } from '../../domain/events/index.js'
import { collections, editionSummaryDoc, heldApplicationsDoc, startupDoc } from '../../domain/projections/index.js'
import { startupStreamId } from '../../domain/startup/decider.js'
import { findApplicationGuard } from '../store/application-guard.js'
import { readAll, readDoc, type ReadModelReader } from './read-model-reader.js'
import type { EventStore } from '../store/event-store.js'

export interface StartupRecordsDeps {
  readonly store: EventStore
  readonly readModels: ReadModelReader
}

/** The stream of a start-up's erasures (`startup.contacts-erased`), apart from its registration. */
export const erasureStreamId = (startupId: string): string => `personal-data-${startupId}`

/**
 * The streams that may hold a start-up's personal data: its registration and each of its
 * applications, held and dismissed ones included. Applications are found two ways, so a
 * fresh one is not missed while the directory catches up: the one-application guard of
 * every edition (consistent), and the start-up's page in the directory; held ones (which
 * take no such guard and are on no page, confirmed or not) by the read model of held
 * applications, seconds behind a new one.
 *
 * @example await personalDataStreams(deps, startupId) // ['startup-…', 'application-…']
 */
export const personalDataStreams = async (
  { store, readModels }: StartupRecordsDeps,
  startupId: string,
): Promise<string[]> => {
  const [editions, page, held] = await Promise.all([
    readAll(readModels, collections.editionSummary, editionSummaryDoc),
    readDoc(readModels, collections.startups, startupId, startupDoc),
    readDoc(readModels, collections.heldApplications, startupId, heldApplicationsDoc),
  ])
  const guards = await Promise.all(
    editions.map(({ editionId }) => findApplicationGuard(store, editionId, startupId)),
  )
  const applications = new Set([
    ...guards.flatMap((guard) => (guard ? [guard.applicationId] : [])),
    ...Object.keys(page?.applications ?? {}),
    ...(held?.applicationIds ?? []),
  ])
  return [startupStreamId(startupId), ...[...applications].sort().map(applicationStreamId)]
}

/**
 * Every event of a start-up that holds personal data (opened: erased ones read `null`),
 * oldest first.
 *
 * @example const events = await personalDataEvents(deps, startupId)
 */
export const personalDataEvents = async (
  deps: StartupRecordsDeps,
  startupId: string,
): Promise<EventEnvelope[]> => {
  const streams = await personalDataStreams(deps, startupId)
  const events = (await Promise.all(streams.map((streamId) => deps.store.readStream(streamId)))).flat()
  return events
    .filter((event) => (personalDataFields[event.type]?.length ?? 0) > 0)
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.streamId.localeCompare(b.streamId))
}

/**
 * `personalDataEvents` bound to its reads: what an erasure is given to find the events
 * it makes unreadable (functions/commands/erase-contacts.ts declares the port).
 *
 * @example eraseStartupContacts({ ...deps, personalDataEvents: personalDataEventsOf(deps) }, id, options)
 */
export const personalDataEventsOf = (deps: StartupRecordsDeps) => (startupId: string) => personalDataEvents(deps, startupId)
