import type { DomainEvent } from '../../../domain/events/index.js'
import type { DocKey, FeedEvent, Projection } from '../../../domain/projections/index.js'

const streamOf = (event: DomainEvent): string => {
  switch (event.type) {
    case 'startup.registered':
      return `startup-${event.data.startupId}`
    case 'startup.contacts-erased':
      return `personal-data-${event.data.startupId}`
    case 'partner.registered':
      return `partner-${event.data.partnerId}`
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
      schemaVersion: 1,
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

const idOf = (key: DocKey) => `${key.collection}/${key.id}`

/**
 * What the projector does, in memory: fold each event into the documents its keys
 * name, in position order, deleting on `undefined`. Documents go through JSON, as
 * they would through DynamoDB, so nothing unstorable survives.
 *
 * @example const docs = project(historyProjection, events); docs.get('history/ces-2020')
 */
export const project = <Doc>(projection: Projection<Doc>, events: readonly FeedEvent[]) => {
  const docs: Documents = new Map()
  for (const event of events) {
    if (!projection.eventTypes.includes(event.type)) continue
    for (const key of projection.keysOf(event)) {
      const next = projection.evolve(docs.get(idOf(key)) as Doc | undefined, event, key)
      if (next === undefined) docs.delete(idOf(key))
      else docs.set(idOf(key), JSON.parse(JSON.stringify(next)))
    }
  }
  return docs
}

/** The documents of one collection, by id. */
export const collectionOf = (docs: Documents, collection: string) =>
  new Map(
    [...docs]
      .filter(([key]) => key.slice(0, key.lastIndexOf('/')) === collection)
      .map(([key, doc]) => [key.slice(key.lastIndexOf('/') + 1), doc]),
  )
