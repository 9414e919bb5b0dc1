import { z } from 'zod'
import * as data from './event-data.js'
import * as exportData from './export-data.js'
import * as outcomeData from './outcome-data.js'

/**
 * The registry of public event types: name → the current data schema, its schema
 * version and what the event means (the catalogue's summary). Writes always use it; reads upcast older stored versions to it first
 * (past-versions/, upcast.ts), so the rest of the code only ever sees these schemas.
 */
export const eventTypes = {
  'edition.opened': {
    schemaVersion: 1,
    data: data.editionOpened,
    summary:
      'Staff opened an edition: a delegation to one trade show, with its dates, deadline and capacity.',
  },
  'edition.closed': {
    schemaVersion: 1,
    data: data.editionClosed,
    summary: 'An edition closed: no more applications, decisions, awards or partners.',
  },
  'startup.registered': {
    schemaVersion: 2,
    data: data.startupRegistered,
    summary:
      'A start-up registered with the programme, with its first application (partners receive its profile once it is selected: startup.profile-published).',
  },
  'startup.profile-published': {
    schemaVersion: 1,
    data: data.startupProfilePublished,
    summary:
      'A start-up’s public profile, sent to partners once one of its applications is selected, and again when staff correct it.',
  },
  'startup.profile-corrected': {
    schemaVersion: 1,
    data: data.startupProfileCorrected,
    summary: 'Staff corrected a start-up’s profile or contact person: the fields changed, and why.',
  },
  'startup.recovered': {
    schemaVersion: 1,
    data: data.startupRecovered,
    summary:
      'Staff found a start-up’s first registration came from someone else: its profile and contact person are replaced by the real ones.',
  },
  'application.held': {
    schemaVersion: 2,
    data: data.applicationHeld,
    summary:
      'Someone applied for a registered start-up with a contact person it did not register: held until staff confirm it is the start-up’s.',
  },
  'application.submitted': {
    schemaVersion: 3,
    data: data.applicationSubmitted,
    summary: 'A start-up applied to an edition through the registration form.',
  },
  'application.selected': {
    schemaVersion: 1,
    data: data.applicationSelected,
    summary: 'The Région selected an application: the start-up is a member of the delegation.',
  },
  'application.rejected': {
    schemaVersion: 1,
    data: data.applicationRejected,
    summary: 'The Région rejected an application.',
  },
  'application.withdrawn': {
    schemaVersion: 1,
    data: data.applicationWithdrawn,
    summary: 'An application was withdrawn, by the start-up or by staff.',
  },
  'application.dismissed': {
    schemaVersion: 1,
    data: data.applicationDismissed,
    summary: 'Staff found a held application not to be the start-up’s: it ends there.',
  },
  'award.won': {
    schemaVersion: 2,
    data: data.awardWon,
    summary: 'A member of a delegation won a CES Innovation Award (honoree or best of innovation).',
  },
  'startup.contacts-erased': {
    schemaVersion: 2,
    data: data.contactsErased,
    summary: "Some of a start-up's contact people were erased (crypto-shredding): how many, and why.",
  },
  'partner.registered': {
    schemaVersion: 1,
    data: data.partnerRegistered,
    summary: 'A partner (metropolis, agglomeration, chamber of commerce…) joined the programme.',
  },
  'partner.joined': {
    schemaVersion: 1,
    data: data.partnerJoined,
    summary: 'A partner joined an edition, with what it contributes.',
  },
  'outcomes.reported': {
    schemaVersion: 1,
    data: outcomeData.outcomesReported,
    summary:
      'A member of a delegation reported what it brought back from the show (contacts, deals, funds, press, jobs), or staff recorded it: it supersedes its earlier report for the edition.',
  },
  'export.prospection-recorded': {
    schemaVersion: 1,
    data: exportData.prospectionRecorded,
    summary:
      'Staff recorded the foreign companies Team Sud Export prospected over a period, by country and sector (or corrected an earlier record).',
  },
  'export.support-recorded': {
    schemaVersion: 1,
    data: exportData.supportRecorded,
    summary:
      'Staff recorded the regional companies Team Sud Export supported in their international development over a period, by territory (or corrected an earlier record).',
  },
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
  'startup.profile-corrected': ['contact'],
  'startup.recovered': ['contact'],
  'application.held': ['contact'],
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
