import type { Projection } from '../../../domain/projections/projection.js'
import { eventTypeNames } from '../../../domain/events/index.js'

type Count = { count: number }

/** Counts events per type: any event folded twice or lost shows in the totals. */
export const countByType: Projection<Count> = {
  name: 'count-by-type',
  eventTypes: eventTypeNames,
  keysOf: (event) => [{ collection: 'counts', id: event.type }],
  evolve: (doc, _event) => ({ count: (doc?.count ?? 0) + 1 }),
}

type StreamDoc = { events: number; lastVersion: number; inOrder: boolean }

/** One document per event stream, noting whether its events came in version order. */
export const streamOrder: Projection<StreamDoc> = {
  name: 'stream-order',
  eventTypes: eventTypeNames,
  keysOf: (event) => [{ collection: 'streams', id: event.streamId }],
  evolve: (doc, event) => ({
    events: (doc?.events ?? 0) + 1,
    lastVersion: event.version,
    inOrder: (doc?.inOrder ?? true) && event.version === (doc?.lastVersion ?? 0) + 1,
  }),
}

/** One document per event: more documents per batch than a transaction holds. */
export const everyEvent: Projection<{ type: string; position: number }> = {
  name: 'every-event',
  eventTypes: eventTypeNames,
  keysOf: (event) => [{ collection: 'events', id: String(event.position).padStart(8, '0') }],
  evolve: (_doc, event) => ({ type: event.type, position: event.position }),
}

/** Partners of each edition; ignores every other event type. */
export const partnersByEdition: Projection<{ partners: string[] }> = {
  name: 'partners-by-edition',
  eventTypes: ['partner.joined', 'edition.closed'],
  keysOf: (event) =>
    [{ collection: 'partners', id: (event.data as { editionId: string }).editionId }],
  evolve: (doc, event) => event.type === 'partner.joined'
    ? { partners: [...(doc?.partners ?? []), event.data.partnerId] }
    : undefined, // a closed edition's document is deleted
}

export const testProjections = [countByType, streamOrder, everyEvent, partnersByEdition] as const
