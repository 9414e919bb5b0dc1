import { z } from 'zod'
import {
  currentSchemaVersion,
  eventTypeNames,
  eventTypes,
  isoDateTime,
  type EventType,
} from '../events/index.js'

type FieldOf<T extends EventType> = keyof (typeof eventTypes)[T]['data']['shape'] & string

/** What partners get of one event type: the data fields they may see, or nothing at all. */
type PartnerShare<T extends EventType> =
  | { readonly fields: readonly FieldOf<T>[]; readonly why: string }
  | { readonly fields: null; readonly why: string }

/**
 * What partners see of each event type, field by field: an allow-list, so a field added
 * to an event (a consent record, a note) reaches no partner until it is named here. The
 * feed, webhooks and the catalogue (OpenAPI webhooks, AsyncAPI, JSON Schema) all read it.
 *
 * The programme's logic: a partner (a metropolis, the CCI…) follows the delegation — the
 * editions, the start-ups as the public knows them, who was selected, who won what, who
 * else supports it. Who applied, who was rejected and why, what a start-up wrote in its
 * pitch, its SIRET and its contact person stay between the start-up and the Région. No
 * free text written by start-ups or staff goes out (reasons, pitches, descriptions,
 * contributions): it may hold anything, personal data included.
 */
export const partnerShares = {
  'edition.opened': {
    fields: [
      'editionId',
      'name',
      'show',
      'city',
      'startsOn',
      'endsOn',
      'applicationDeadline',
      'capacity',
      'themes',
    ],
    why: 'An edition is announced publicly: all of it.',
  },
  'edition.closed': { fields: ['editionId'], why: 'Which edition closed.' },
  'startup.registered': {
    fields: null,
    why:
      'Whoever applies first with a SIRET registers the start-up, and SIRETs are public: a ' +
      'registration may be a stranger’s, and says who applied (rejected start-ups too). ' +
      'Partners get the profile once the start-up is selected (startup.profile-published).',
  },
  'startup.profile-published': {
    fields: ['startupId', 'name', 'city', 'territory', 'themes', 'website'],
    why:
      'The start-up as the public knows it, once it is in a delegation (and again when staff ' +
      'correct it), so that selections and awards can be named. Not its SIRET, its ' +
      'description or its contact person.',
  },
  'startup.profile-corrected': {
    fields: null,
    why:
      'A correction of the record (contact person included) stays between the start-up and ' +
      'the Région; partners get the corrected public profile as a new publication.',
  },
  'startup.recovered': {
    fields: null,
    why:
      'That someone else registered a start-up first, and who, stays between the start-up ' +
      'and the Région; partners get the real public profile once it is published.',
  },
  'application.held': {
    fields: null,
    why:
      'An application not yet confirmed as the start-up’s (someone else may have used its ' +
      'SIRET) is no fact about the start-up at all.',
  },
  'application.submitted': {
    fields: null,
    why: 'Who applied, and the pitch, stay between the start-up and the Région.',
  },
  'application.selected': {
    fields: ['applicationId', 'editionId', 'startupId'],
    why: 'Who is in the delegation. Not the reason staff gave.',
  },
  'application.rejected': {
    fields: null,
    why: 'Who was rejected, and why, stays between the start-up and the Région.',
  },
  'application.withdrawn': {
    fields: ['applicationId', 'editionId', 'startupId'],
    why:
      'A member leaving the delegation (a withdrawal of an application never selected names ' +
      'nothing a partner holds). Not who withdrew it or why.',
  },
  'application.dismissed': {
    fields: null,
    why: 'The end of a held application: nothing partners ever saw.',
  },
  'award.won': {
    fields: ['awardId', 'editionId', 'startupId', 'award', 'category', 'categoryAsRecorded'],
    why: 'Awards are public: all of it.',
  },
  'startup.contacts-erased': {
    fields: null,
    why:
      'An erasure of contact people (crypto-shredding) concerns data partners never received: ' +
      'it stays between the start-up and the Région.',
  },
  'partner.registered': {
    fields: ['partnerId', 'name', 'kind'],
    why: 'Who supports the programme: all of it.',
  },
  'partner.joined': {
    fields: ['partnerId', 'editionId', 'name', 'kind'],
    why: 'Who supports an edition. Not what it contributes: that is between it and the Région.',
  },
  'outcomes.reported': {
    fields: null,
    why:
      'One member’s own figures (contacts, deals, funds raised, jobs) and its note to staff, ' +
      'told to the Région in confidence: even without the note, every event is one start-up’s ' +
      'figures. What the delegation brought back reaches partners as the reports’ aggregates, ' +
      'never as events.',
  },
  'export.prospection-recorded': {
    fields: null,
    why:
      'Team Sud Export’s bookkeeping (records by period, and their corrections) and the ' +
      'countries and sectors the Région targets: the Région publishes the cumulative figures ' +
      'itself. Withheld is the reversible choice: sharing later adds a type partners may ' +
      'subscribe to, withdrawing one they rely on breaks them.',
  },
  'export.support-recorded': {
    fields: null,
    why:
      'Team Sud Export’s bookkeeping, like its prospection: the companies supported per ' +
      'territory reach partners, if the Région so decides, as a report, not as records and ' +
      'corrections to reconcile.',
  },
} as const satisfies { readonly [T in EventType]: PartnerShare<T> }

/** The event types partners receive, on the feed and in webhooks. */
export type PartnerEventType = {
  [T in EventType]: (typeof partnerShares)[T]['fields'] extends null ? never : T
}[EventType]

/**
 * Whether partners receive events of this type at all.
 *
 * @example isSharedWithPartners('application.rejected') // false
 */
export const isSharedWithPartners = (type: EventType): type is PartnerEventType =>
  partnerShares[type].fields !== null

/** Every type partners receive, in the registry's order (filters pick among them). */
export const partnerEventTypes: readonly PartnerEventType[] =
  eventTypeNames.filter(isSharedWithPartners)

/** Every type partners never receive. */
export const withheldEventTypes: readonly EventType[] = eventTypeNames.filter(
  (type) => !isSharedWithPartners(type),
)

/**
 * The fields partners may see of a type: none for a type they do not receive.
 *
 * @example partnerFields('startup.profile-published') // ['startupId', 'name', … ] (no 'siret')
 */
export const partnerFields = (type: EventType): readonly string[] =>
  partnerShares[type].fields ?? []

/**
 * The fields of a type's current data that partners never see, for the catalogue.
 *
 * @example withheldFields('partner.joined') // ['contribution']
 */
export const withheldFields = (type: EventType): string[] => {
  const shown = partnerFields(type)
  return Object.keys(eventTypes[type].data.shape).filter((field) => !shown.includes(field))
}

const partnerSchemas = Object.fromEntries(
  partnerEventTypes.map((type) => {
    const shape: Record<string, z.ZodType> = eventTypes[type].data.shape
    return [type, z.object(Object.fromEntries(partnerFields(type).map((f) => [f, shape[f]!])))]
  }),
) as Record<PartnerEventType, z.ZodObject>

/**
 * The data of a type as partners see it: the current schema, allow-listed fields only.
 *
 * @example Object.keys(partnerDataSchema('startup.profile-published').shape) // no 'contact', no 'siret'
 */
export const partnerDataSchema = (type: PartnerEventType): z.ZodObject => partnerSchemas[type]

/**
 * An event's data reduced to its type's allow-list (nothing for a type partners do not
 * receive). A copy.
 *
 * @example partnerData(partnerJoined).contribution // undefined
 */
export const partnerData = (event: {
  readonly type: EventType
  readonly data: unknown
}): Record<string, unknown> => {
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<
    string,
    unknown
  >
  const fields = partnerFields(event.type)
  return Object.fromEntries(fields.filter((field) => field in data).map((f) => [f, data[f]]))
}

/**
 * An event of one type as the feed and webhooks carry it (see public-event.ts), for
 * the catalogue.
 *
 * @example z.toJSONSchema(publicEventSchema('award.won'))
 */
export const publicEventSchema = (type: PartnerEventType) =>
  z.object({
    sequence: z
      .number()
      .int()
      .min(1)
      .describe(
        'Its place among the events partners receive: 1, 2, 3 … gapless, never reused, ' +
          'the same on the feed, in webhooks and in replays',
      ),
    eventId: z.uuid(),
    streamId: z.string(),
    type: z.literal(type),
    schemaVersion: z.literal(currentSchemaVersion(type)),
    data: partnerDataSchema(type),
    recordedAt: isoDateTime.describe('When it was recorded'),
    occurredAt: isoDateTime.describe(
      'When it happened (earlier than recordedAt for imported history)',
    ),
  })
