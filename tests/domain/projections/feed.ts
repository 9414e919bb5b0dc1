import { currentSchemaVersion, type DomainEvent } from '../../../domain/events/index.js'
import { outcomesId, outcomesStreamId } from '../../../domain/outcomes/index.js'
import type { DocKey, FeedEvent, Projection } from '../../../domain/projections/index.js'
import { exportRecordsId, exportStreamId } from '../../../domain/team-sud-export/index.js'

/**
 * The stream an event lives in: an application's life has a stream of its own, apart from
 * its edition's (opening, closing, awards, partners joining), its start-up's and partners'; so
 * do a member's outcomes for one edition, and Team Sud Export's records of one kind and year.
 *
 * @example streamOf(selected) // 'application-a1-ces-2020'
 */
export const streamOf = (event: DomainEvent): string => {
  switch (event.type) {
    case 'startup.registered':
    case 'startup.profile-published':
    case 'startup.profile-corrected':
    case 'startup.recovered':
      return `startup-${event.data.startupId}`
    case 'startup.contacts-erased':
      return `personal-data-${event.data.startupId}`
    case 'partner.registered':
      return `partner-${event.data.partnerId}`
    case 'outcomes.reported':
      return outcomesStreamId(outcomesId(event.data.editionId, event.data.startupId))
    case 'export.prospection-recorded':
    case 'export.support-recorded': {
      const kind = event.type === 'export.support-recorded' ? 'support' : 'prospection'
      return exportStreamId(exportRecordsId(kind, Number(event.data.period.from.slice(0, 4))))
    }
    case 'application.submitted':
    case 'application.selected':
    case 'application.rejected':
    case 'application.withdrawn':
      return `application-${event.data.applicationId}`
    default:
      return `edition-${event.data.editionId}`
  }
}

/**
 * Domain events as the Feed would hold them: enveloped, with versions per stream and
 * gapless positions; `at` sets the metadata's occurredAt (imported history).
 *
 * @example const events = feedOf([[opened, '2019-06-01T09:00:00Z'], submitted])
 */
export const feedOf = (
  entries: ReadonlyArray<DomainEvent | [DomainEvent, string]>,
): FeedEvent[] => {
  const versions = new Map<string, number>()
  return entries.map((entry, index) => {
    const [event, at] = Array.isArray(entry) ? entry : [entry, undefined]
    const streamId = streamOf(event)
    const version = (versions.get(streamId) ?? 0) + 1
    versions.set(streamId, version)
    return {
      ...event,
      eventId: `0190c0de-0000-7000-8000-${String(index + 1).padStart(12, '0')}`,
      streamId,
      version,
      schemaVersion: currentSchemaVersion(event.type),
      metadata: {
        correlationId: 'test',
        actor: 'staff:test',
        ...(at ? { occurredAt: at, override: 'historical-import' } : {}),
      },
      recordedAt: '2026-11-26T09:00:00.000Z',
      position: index + 1,
    }
  })
}

export type Documents = Map<string, unknown>

/** A document as the projector stores it (read-model-layout.ts), by `collection/id`. */
export interface Stored {
  readonly doc: unknown
  readonly position: number
  readonly hidden: boolean
}

const idOf = (key: DocKey) => `${key.collection}/${key.id}`

/**
 * What the projector does, in memory: fold each event into the documents its keys
 * name, in position order, skipping documents that have seen it, deleting on
 * `undefined`. Documents go through JSON after every event, as they would through
 * DynamoDB: each `evolve` gets a draft of its own, and nothing unstorable survives.
 *
 * @example const stored = fold(historyProjection, events); stored.get('history/ces-2020')?.hidden
 */
export const fold = <Doc>(projection: Projection<Doc>, events: readonly FeedEvent[]) => {
  const docs = new Map<string, Stored>()
  for (const event of events) {
    if (!projection.eventTypes.includes(event.type)) continue
    for (const key of projection.keysOf(event)) {
      const current = docs.get(idOf(key))
      if (current && current.position >= event.position) continue
      const draft = current && (JSON.parse(JSON.stringify(current.doc)) as Doc)
      const next = projection.evolve(draft, event, key)
      if (next === undefined) {
        docs.delete(idOf(key))
        continue
      }
      const hidden = projection.isPublic?.(next) === false
      const stored = JSON.parse(JSON.stringify(next)) as unknown
      docs.set(idOf(key), { doc: stored, position: event.position, hidden })
    }
  }
  return docs
}

/**
 * The documents readers see after `events` (hidden ones left out), by `collection/id`.
 *
 * @example const docs = project(historyProjection, events); docs.get('history/ces-2020')
 */
export const project = <Doc>(projection: Projection<Doc>, events: readonly FeedEvent[]) => {
  const docs: Documents = new Map()
  for (const [id, { doc, hidden }] of fold(projection, events)) if (!hidden) docs.set(id, doc)
  return docs
}

/** The documents of one collection, by id. */
export const collectionOf = (docs: Documents, collection: string) =>
  new Map(
    [...docs]
      .filter(([key]) => key.slice(0, key.lastIndexOf('/')) === collection)
      .map(([key, doc]) => [key.slice(key.lastIndexOf('/') + 1), doc]),
  )
