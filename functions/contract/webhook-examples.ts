import type { PartnerEventType } from '../../domain/partner-access/partner-view.js'
import { publicEventSchema } from '../../domain/partner-access/partner-view.js'
import {
  testEventBody,
  testEventBodySchema,
  type TestEventBody,
} from '../../domain/webhooks/test-event.js'
import { webhookBodySchema } from '../../domain/webhooks/webhook-body.js'

const startupId = '6f1c1b0e-3a8f-5c55-9d0e-2b7a4c9e1f30'
const applicationId = '01890a5d-ac96-774b-bcce-b302099a8057'

/**
 * One event of each type as partners receive it, in the programme's own words (CES Las
 * Vegas 2020, the Métropole Nice Côte d'Azur, a start-up from Marseille): the stream it is
 * in, and its data (the allow-list's fields only). Parsed against the very schemas of the
 * contract when this module loads, so an example can never drift from what is sent.
 */
const examples: {
  readonly [T in PartnerEventType]: {
    readonly streamId: string
    readonly data: Record<string, unknown>
  }
} = {
  'edition.opened': {
    streamId: 'edition-ces-2020',
    data: {
      editionId: 'ces-2020',
      name: 'CES Las Vegas 2020',
      show: 'CES',
      city: 'Las Vegas',
      startsOn: '2020-01-07',
      endsOn: '2020-01-10',
      applicationDeadline: '2019-10-15T23:59:59+02:00',
      capacity: 30,
      themes: ['environment', 'health', 'mobility'],
    },
  },
  'edition.closed': { streamId: 'edition-ces-2020', data: { editionId: 'ces-2020' } },
  'startup.profile-published': {
    streamId: `startup-${startupId}`,
    data: {
      startupId,
      name: 'Calanques Tech',
      city: 'Marseille',
      territory: 'aix-marseille-provence',
      themes: ['environment'],
      website: 'https://calanques.example',
    },
  },
  'application.selected': {
    streamId: `application-${applicationId}`,
    data: { applicationId, editionId: 'ces-2020', startupId },
  },
  'application.withdrawn': {
    streamId: `application-${applicationId}`,
    data: { applicationId, editionId: 'ces-2020', startupId },
  },
  'award.won': {
    streamId: 'edition-ces-2020',
    data: {
      awardId: '01890a5e-10b2-7c3d-8e4f-a5b6c7d8e9f0',
      editionId: 'ces-2020',
      startupId,
      award: 'honoree',
      category: 'Sustainability, Eco-Design & Smart Energy',
    },
  },
  'partner.registered': {
    streamId: 'partner-nice-cote-d-azur',
    data: { partnerId: 'nice-cote-d-azur', name: 'Métropole Nice Côte d’Azur', kind: 'metropolis' },
  },
  'partner.joined': {
    streamId: 'edition-ces-2020',
    data: {
      partnerId: 'nice-cote-d-azur',
      editionId: 'ces-2020',
      name: 'Métropole Nice Côte d’Azur',
      kind: 'metropolis',
    },
  },
}

const recordedAt = '2020-01-08T17:30:00.000Z'

/**
 * The body of a webhook of `type`, as one would arrive: for the catalogue's examples (the
 * OpenAPI document's and the partners' portal's).
 *
 * @example exampleWebhookBody('award.won').data.data.category
 */
export const exampleWebhookBody = (type: PartnerEventType) => {
  const { streamId, data } = examples[type]
  const body = webhookBodySchema(type).parse({
    type,
    timestamp: recordedAt,
    data: publicEventSchema(type).parse({
      sequence: 412,
      eventId: '01890a5e-2c4d-7e6f-8a9b-0c1d2e3f4a5b',
      streamId,
      type,
      schemaVersion: publicEventSchema(type).shape.schemaVersion.value,
      data,
      recordedAt,
      occurredAt: recordedAt,
    }),
  })
  // Parsing drops what the schema does not know: an example field it dropped is a typo.
  const dropped = Object.keys(data).filter((field) => !(field in body.data.data))
  if (dropped.length > 0)
    throw new Error(`The ${type} example names fields partners never get: ${dropped.join(', ')}`)
  return body
}

/** A test event's body, as the portal's "Send a test event" posts it. */
export const exampleTestEventBody = (): TestEventBody =>
  testEventBodySchema.parse(
    testEventBody(
      '01890a5d-ac96-774b-bcce-b302099a8058',
      'tst_01890a60-0000-7000-8000-000000000001',
      recordedAt,
    ),
  )
