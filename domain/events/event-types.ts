import { z } from 'zod'
import * as data from './event-data.js'

/**
 * The registry of public event types: name → data schema and schema version.
 * Envelopes are validated against it on write and on read.
 */
export const eventTypes = {
  'edition.opened': { schemaVersion: 1, data: data.editionOpened },
  'edition.closed': { schemaVersion: 1, data: data.editionClosed },
  'startup.registered': { schemaVersion: 1, data: data.startupRegistered },
  'application.submitted': { schemaVersion: 1, data: data.applicationSubmitted },
  'application.selected': { schemaVersion: 1, data: data.applicationSelected },
  'application.rejected': { schemaVersion: 1, data: data.applicationRejected },
  'application.withdrawn': { schemaVersion: 1, data: data.applicationWithdrawn },
  'award.won': { schemaVersion: 1, data: data.awardWon },
  'startup.contacts-erased': { schemaVersion: 1, data: data.contactsErased },
  'partner.registered': { schemaVersion: 1, data: data.partnerRegistered },
  'partner.joined': { schemaVersion: 1, data: data.partnerJoined },
} as const

export type EventType = keyof typeof eventTypes
export const eventTypeNames = Object.keys(eventTypes) as EventType[]

type DataOf<T extends EventType> = z.infer<(typeof eventTypes)[T]['data']>

/** A domain event as a decider emits it: a type and its data, nothing else. */
export type DomainEvent = { [T in EventType]: { type: T; data: DataOf<T> } }[EventType]

export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>

/**
 * Top-level data fields that hold personal data (contact people). They are
 * stored, but redacted from everything that leaves for partners.
 */
export const personalDataFields: Partial<Record<EventType, readonly string[]>> = {
  'startup.registered': ['contact'],
  'application.submitted': ['contact'],
}

export class UnknownEventTypeError extends Error {
  override readonly name = 'UnknownEventTypeError'
  constructor(readonly type: string) {
    super(`Unknown event type "${type}"`)
  }
}

const isEventType = (type: string): type is EventType => Object.hasOwn(eventTypes, type)

/**
 * Parses `{ type, data }` against the type's schema; unknown fields are refused so
 * that nothing unplanned (personal data above all) slips into the log.
 *
 * @example parseDomainEvent('edition.closed', { editionId: 'ces-2020' })
 */
export const parseDomainEvent = (type: string, data: unknown): DomainEvent => {
  if (!isEventType(type)) throw new UnknownEventTypeError(type)
  return { type, data: (strictData[type] as z.ZodType).parse(data) } as DomainEvent
}

// Built once: zod 4 compiles a parser per schema instance, so `.strict()` on every
// call would rebuild it for each event read (it made rehydration 5× slower).
const strictData: Record<string, z.ZodType> = Object.fromEntries(
  eventTypeNames.map((type) => [type, eventTypes[type].data.strict()]),
)
