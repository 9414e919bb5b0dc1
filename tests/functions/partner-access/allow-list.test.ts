import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DomainEvent, EventType } from '../../../domain/events/index.js'
import {
  partnerDataSchema,
  partnerEventTypes,
  partnerFields,
  withheldEventTypes,
  type PartnerEventType,
} from '../../../domain/partner-access/partner-view.js'
import { dedupe, startReceiver, verifyAsReceived } from '../webhooks/fixtures.js'
import { append, partnerWorld, type PartnerWorld } from '../webhooks/partner-world.js'

/** In every field no partner may see, so that one leaking shows up in any payload. */
const secret = 'WITHHELD'

/**
 * One event of every type with every field filled, optional ones included: what partners
 * may see holds plain values, everything else carries the marker (a SIRET cannot: it is
 * matched by its digits).
 */
const everyType: Record<EventType, { streamId: string; event: DomainEvent }> = {
  'edition.opened': {
    streamId: 'edition-ces-2030',
    event: {
      type: 'edition.opened',
      data: {
        editionId: 'ces-2030',
        name: 'CES Las Vegas 2030',
        show: 'CES',
        city: 'Las Vegas',
        startsOn: '2030-01-08',
        endsOn: '2030-01-11',
        applicationDeadline: '2029-10-15T23:59:59+02:00',
        capacity: 30,
        themes: ['environment'],
      },
    },
  },
  'edition.closed': {
    streamId: 'edition-ces-2030',
    event: { type: 'edition.closed', data: { editionId: 'ces-2030' } },
  },
  'startup.registered': {
    streamId: 'startup-s-1',
    event: {
      type: 'startup.registered',
      data: {
        startupId: 's-1',
        // Whoever applied first with the SIRET: none of it reaches partners.
        name: `${secret} name`,
        siret: '99999999999999',
        city: `${secret} city`,
        territory: 'aix-marseille-provence',
        website: `https://squatter.example/${secret}`,
        themes: ['environment'],
        description: `${secret} description`,
        contact: { name: `${secret} Inès`, email: 'withheld@calanques.example', phone: '0600' },
        language: 'fr',
      },
    },
  },
  'startup.profile-published': {
    streamId: 'startup-s-1',
    event: {
      type: 'startup.profile-published',
      data: {
        startupId: 's-1',
        name: 'Calanques Tech',
        city: 'Marseille',
        territory: 'aix-marseille-provence',
        website: 'https://calanques.example',
        themes: ['environment'],
      },
    },
  },
  'startup.profile-corrected': {
    streamId: 'startup-s-1',
    event: {
      type: 'startup.profile-corrected',
      data: {
        startupId: 's-1',
        name: `${secret} corrected name`,
        city: `${secret} city`,
        territory: 'nice-cote-d-azur',
        website: `https://corrected.example/${secret}`,
        themes: ['health'],
        description: `${secret} description`,
        contact: { name: `${secret} Paul`, email: 'withheld@calanques.example' },
        language: 'en',
        reason: `${secret} reason`,
      },
    },
  },
  'startup.recovered': {
    streamId: 'startup-s-1',
    event: {
      type: 'startup.recovered',
      data: {
        startupId: 's-1',
        name: `${secret} recovered name`,
        city: `${secret} city`,
        territory: 'aix-marseille-provence',
        website: `https://recovered.example/${secret}`,
        themes: ['environment'],
        description: `${secret} description`,
        contact: { name: `${secret} Inès`, email: 'withheld@calanques.example' },
        language: 'fr',
        reason: `${secret} reason`,
      },
    },
  },
  'startup.contacts-erased': {
    streamId: 'personal-data-s-1',
    event: { type: 'startup.contacts-erased', data: { startupId: 's-1', contacts: 1, reason: 'request', keyIds: ['7f9c2b1e-key'] } },
  },
  'application.submitted': {
    streamId: 'application-a-withheld',
    event: {
      type: 'application.submitted',
      data: {
        applicationId: `a-${secret}`,
        editionId: 'ces-2030',
        startupId: `s-${secret}`,
        startupName: `${secret} name`,
        territory: 'nice-cote-d-azur',
        themes: ['health'],
        pitch: `${secret} pitch`,
        contact: { name: `${secret} Inès`, email: 'withheld@calanques.example' },
        consent: { version: `${secret}`, givenAt: '2029-09-01T10:00:00Z' },
        language: 'en',
      },
    },
  },
  'application.held': {
    streamId: 'application-a-held',
    event: {
      type: 'application.held',
      data: {
        applicationId: `a-${secret}-held`,
        editionId: 'ces-2030',
        startupId: `s-${secret}-held`,
        startupName: `${secret} name`,
        territory: 'nice-cote-d-azur',
        themes: ['health'],
        pitch: `${secret} pitch`,
        contact: { name: `${secret} Eve`, email: 'withheld@elsewhere.example' },
        consent: { version: `${secret}`, givenAt: '2029-09-01T10:00:00Z' },
        language: 'en',
      },
    },
  },
  'application.dismissed': {
    streamId: 'application-a-held',
    event: {
      type: 'application.dismissed',
      data: {
        applicationId: `a-${secret}-held`,
        editionId: 'ces-2030',
        startupId: `s-${secret}-held`,
        reason: `${secret} reason`,
      },
    },
  },
  'application.selected': {
    streamId: 'application-a-1',
    event: {
      type: 'application.selected',
      data: { applicationId: 'a-1', editionId: 'ces-2030', startupId: 's-1', reason: secret },
    },
  },
  'application.rejected': {
    streamId: 'application-a-rejected',
    event: {
      type: 'application.rejected',
      data: {
        applicationId: `a-${secret}-2`,
        editionId: 'ces-2030',
        startupId: `s-${secret}-2`,
        reason: `${secret} reason`,
      },
    },
  },
  'application.withdrawn': {
    streamId: 'application-a-1',
    event: {
      type: 'application.withdrawn',
      data: {
        applicationId: 'a-1',
        editionId: 'ces-2030',
        startupId: 's-1',
        by: 'staff',
        reason: secret,
      },
    },
  },
  'award.won': {
    streamId: 'edition-ces-2030',
    event: {
      type: 'award.won',
      data: {
        awardId: 'award-1',
        editionId: 'ces-2030',
        startupId: 's-1',
        award: 'honoree',
        category: 'Unlisted',
        categoryAsRecorded: 'Blockchain & Web3',
      },
    },
  },
  'partner.registered': {
    streamId: 'partner-ccir',
    event: { type: 'partner.registered', data: { partnerId: 'ccir', name: 'CCIR', kind: 'other' } },
  },
  'partner.joined': {
    streamId: 'edition-ces-2030',
    event: {
      type: 'partner.joined',
      data: {
        partnerId: 'ccir',
        editionId: 'ces-2030',
        name: 'CCIR',
        kind: 'other',
        contribution: `${secret} 20 000 €`,
      },
    },
  },
  'outcomes.reported': {
    streamId: 'outcomes-ces-2030.s-1',
    event: {
      type: 'outcomes.reported',
      data: {
        editionId: 'ces-2030',
        startupId: 's-1',
        applicationId: 'a-1',
        revision: 1,
        businessContacts: 40,
        dealsSigned: 2,
        dealsValueBand: '100k-1m',
        fundsRaisedEur: 987_654_321,
        pressArticles: 3,
        jobsCreated: 2,
        jobsPlanned: 5,
        reportedBy: { by: 'staff', staffMember: `${secret}-staff` },
        noteForStaff: `${secret} note`,
      },
    },
  },
  'export.prospection-recorded': {
    streamId: 'team-sud-export-prospection-2029',
    event: {
      type: 'export.prospection-recorded',
      data: {
        recordId: `${secret}-p`,
        period: { from: '2029-01-01', to: '2029-03-31' },
        rows: [{ country: 'US', sector: 'ai', companies: 120 }],
        corrects: `${secret}-p-0`,
      },
    },
  },
  'export.support-recorded': {
    streamId: 'team-sud-export-support-2029',
    event: {
      type: 'export.support-recorded',
      data: {
        recordId: `${secret}-s`,
        period: { from: '2029-01-01', to: '2029-03-31' },
        rows: [{ territory: 'aix-marseille-provence', companies: 18 }],
        corrects: `${secret}-s-0`,
      },
    },
  },
}

interface Sent {
  sequence: number
  type: PartnerEventType
  data: Record<string, unknown>
}

/**
 * What partners see, checked where it leaves: one event of every type goes through the
 * real store, indexer, Feed, dispatcher and deliverer on DynamoDB Local, and the feed's
 * pages and the webhooks' bodies carry exactly the allow-listed fields of the types
 * partners receive (domain/partner-access/partner-view.ts), and nothing of the others.
 */
describe('the partner allow-list, on the feed and in webhooks', () => {
  let world: PartnerWorld
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let feedText: string
  let feed: Sent[]
  let webhooks: Sent[]
  let rawBodies: string

  beforeAll(async () => {
    world = await partnerWorld(['nice-cote-d-azur'])
    receiver = await startReceiver(() => 204, world.time.clock)
    const nice = world.as('nice-cote-d-azur')
    const created = await nice('POST', '/subscriptions', { url: receiver.url })
    expect(created.status).toBe(201)
    const { id, secret: signing } = created.json<{ id: string; secret: string }>()
    // Act: every type, in an order the decisions allow.
    for (const { streamId, event } of Object.values(everyType)) {
      await append(world.store, streamId, event)
    }
    await world.propagate()
    await world.drain([id])
    const page = await nice('GET', '/feed?limit=500')
    expect(page.status).toBe(200)
    feedText = page.text
    feed = page.json<{ events: Sent[] }>().events
    const processed = dedupe(receiver.requests)
    rawBodies = processed.map((r) => r.body).join('\n')
    webhooks = processed.map((r) => (verifyAsReceived(signing, r) as { data: Sent }).data)
  })
  afterAll(() => receiver.close())

  it('sends every type partners receive, and none of the others', () => {
    for (const sent of [feed, webhooks]) {
      const types = new Set(sent.map((e) => e.type))
      expect([...types].sort()).toEqual([...partnerEventTypes].sort())
      for (const type of withheldEventTypes) expect(types).not.toContain(type)
    }
  })

  it('carries exactly the allow-listed fields of each type, valid by its partner schema', () => {
    for (const sent of [feed, webhooks]) {
      for (const event of sent) {
        const fields = Object.keys(event.data)
        for (const field of fields) expect(partnerFields(event.type)).toContain(field)
        expect(partnerDataSchema(event.type).strict().parse(event.data)).toEqual(event.data)
      }
      // The events above fill every field: each goes out with its whole allow-list.
      for (const type of partnerEventTypes) {
        const ours = sent.filter((e) => e.type === type).at(-1)
        expect(Object.keys(ours?.data ?? {}).sort()).toEqual([...partnerFields(type)].sort())
      }
    }
  })

  it('holds nothing withheld: no marker, SIRET, contact, reason, pitch, contribution or outcome', () => {
    for (const text of [feedText, rawBodies]) {
      expect(text).not.toContain(secret)
      expect(text).not.toMatch(/99999999999999|withheld@|"contact"|"reason"|"contribution"/)
      expect(text).not.toMatch(/987654321|"fundsRaisedEur"|"rows"/)
    }
  })

  it('sends the same data on the feed and in webhooks', () => {
    const bySequence = new Map(feed.map((e) => [e.sequence, e]))
    // The subscription began after the world's own events: it got ours, one per shared type.
    expect(webhooks).toHaveLength(partnerEventTypes.length)
    for (const event of webhooks) expect(event).toEqual(bySequence.get(event.sequence))
  })

  it('leaves no countable trace of what it withholds: sequences 1…N, no position, no version', () => {
    // Withheld types were recorded between the shared ones: the feed numbers its own events
    // without a gap, and the webhooks carry the same numbers.
    expect(feed.map((e) => e.sequence)).toEqual(feed.map((_, i) => i + 1))
    const sequences = webhooks.map((e) => e.sequence).sort((a, b) => a - b)
    expect(sequences).toEqual(feed.slice(-webhooks.length).map((e) => e.sequence))
    for (const event of [...feed, ...webhooks]) {
      expect(Object.keys(event).sort()).toEqual(
        ['data', 'eventId', 'occurredAt', 'recordedAt', 'schemaVersion', 'sequence', 'streamId', 'type'])
    }
    expect(`${feedText}\n${rawBodies}`).not.toMatch(/"position"|"version"/)
  })

  it('refuses to filter on a type partners never receive', async () => {
    const nice = world.as('nice-cote-d-azur')
    for (const type of withheldEventTypes) {
      expect((await nice('GET', `/feed?types=${type}`)).status).toBe(400)
      const created = await nice('POST', '/subscriptions', { url: receiver.url, types: [type] })
      expect(created.status).toBe(400)
    }
  })
})
