import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../../domain/events/index.js'
import { sequenceCursor } from '../../../functions/shared/cursor.js'
import { ConcurrencyError } from '../../../functions/store/errors.js'
import type { EventStore } from '../../../functions/store/event-store.js'
import {
  applicationSubmitted,
  awardWon,
  editionOpened,
  metadata,
  partnerJoined,
  startupRegistered,
} from '../../fixtures/events.js'
import { indexAll } from '../webhooks/fixtures.js'
import { apiHarness, client, type ApiHarness } from './api-harness.js'
import { inProcess } from './transports.js'

/** Appends at the stream's current version, retrying when another writer got there first. */
const appendRacing = async (store: EventStore, streamId: string, event: DomainEvent) => {
  for (;;) {
    try {
      const expectedVersion = await store.streamVersion(streamId)
      const outcome = await store.append([{ streamId, expectedVersion, events: [event] }], {
        metadata: metadata(),
      })
      if (outcome.status === 'appended') return outcome.events.map((e) => e.eventId)
    } catch (error: unknown) {
      if (!(error instanceof ConcurrencyError)) throw error
    }
  }
}

/**
 * `GET /feed` over the real event store, indexer and Feed: concurrent writers, small
 * pages from cursors, filters, and no personal data.
 */
describe('the partner feed', () => {
  let harness: ApiHarness
  let read: (query: string) => Promise<{ status: number; text: string; json(): any }>
  const appended: string[] = []

  beforeAll(async () => {
    harness = await apiHarness()
    const api = client(await inProcess().start(harness.app), harness)
    const key = await harness.store.append(
      [
        {
          streamId: 'partner-sud-agency',
          expectedVersion: 0,
          events: [
            {
              type: 'partner.registered',
              data: { partnerId: 'sud-agency', name: 'Agence Sud', kind: 'region' },
            },
          ],
        },
      ],
      { metadata: metadata() },
    )
    if (key.status === 'appended') appended.push(...key.events.map((e) => e.eventId))
    const issued = await api.admin('POST', '/partners/sud-agency/keys', { scopes: ['feed:read'] })
    const apiKey = issued.json().apiKey as string
    read = (query) => api.public('GET', `/feed${query}`, undefined, { 'X-Api-Key': apiKey })
  })
  afterAll(() => expect(harness.unexpected).toEqual([]))

  /** Every page from `after` until a page brings nothing new; the events and the last cursor. */
  const readAll = async (query: string, after?: string) => {
    const events: any[] = []
    let cursor = after
    for (;;) {
      const response = await read(`?${query}${cursor ? `&after=${cursor}` : ''}`)
      expect(response.status).toBe(200)
      const page = response.json()
      events.push(...page.events)
      if (page.events.length === 0) return { events, cursor: page.next as string }
      cursor = page.next
    }
  }

  it('gives every event of concurrent writers once, sequences 1..N without a gap whatever was withheld between them, across small pages and an outage', async () => {
    const writers = Array.from({ length: 6 }, async (_, w) => {
      const ids: string[] = []
      ids.push(...(await appendRacing(harness.store, `edition-w${w}`, editionOpened(`w${w}-2020`))))
      for (let i = 0; i < 4; i += 1) {
        // Withheld between them: a start-up registered and its application (Feed positions
        // and stream versions partners must not be able to count).
        await appendRacing(harness.store, `startup-w${w}-${i}`, startupRegistered(`w${w}-${i}`))
        await appendRacing(harness.store, `application-w${w}-${i}`,
          applicationSubmitted(`w${w}-${i}`, `w${w}-${i}`, { editionId: `w${w}-2020` }))
        ids.push(
          ...(await appendRacing(
            harness.store,
            `edition-w${w}`,
            partnerJoined(`p${i}`, `w${w}-2020`),
          )),
        )
        // Every writer also races the others on one shared stream.
        ids.push(
          ...(await appendRacing(
            harness.store,
            'edition-ces-2020',
            awardWon(`w${w}-${i}`, 'ces-2020'),
          )),
        )
      }
      return ids
    })
    appended.push(...(await Promise.all(writers)).flat())
    await indexAll(harness.tables, 3) // as three stream shards would, at once

    const firstRead = await readAll('limit=7')
    // The outage: more is written and indexed; the partner comes back with its last cursor.
    const later = await Promise.all(
      Array.from({ length: 3 }, (_, w) =>
        appendRacing(harness.store, 'edition-ces-2020', awardWon(`late-${w}`, 'ces-2020')),
      ),
    )
    appended.push(...later.flat())
    await indexAll(harness.tables)
    const resumed = await readAll('limit=7', firstRead.cursor)

    const events = [...firstRead.events, ...resumed.events]
    expect(events.map((e) => e.sequence)).toEqual(
      Array.from({ length: appended.length }, (_, i) => i + 1),
    )
    expect(new Set(events.map((e) => e.eventId))).toEqual(new Set(appended))
    expect(resumed.events).toHaveLength(3)
    // Nothing from which the withheld events could be counted: no Feed position, no
    // stream version; the cursor holds the sequence alone.
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(
        ['data', 'eventId', 'occurredAt', 'recordedAt', 'schemaVersion', 'sequence', 'streamId', 'type'])
    }
    expect(sequenceCursor.decode(resumed.cursor)).toBe(appended.length)
    const cursorText = Buffer.from(resumed.cursor.split('.')[0]!, 'base64url').toString('utf8')
    expect(cursorText).toBe(JSON.stringify({ s: appended.length }))
  })

  it('filters by type and edition, and its cursor moves past what the filters leave out', async () => {
    const head = appended.length
    const awards = await readAll('types=award.won&editionId=ces-2020&limit=1')
    expect(awards.events).toHaveLength(27)
    expect(
      awards.events.every((e) => e.type === 'award.won' && e.data.editionId === 'ces-2020'),
    ).toBe(true)
    expect(sequenceCursor.decode(awards.cursor)).toBe(head)
    const partners = await readAll('types=partner.joined,edition.opened&editionId=w3-2020&limit=2')
    expect(partners.events.map((e) => e.type)).toEqual([
      'edition.opened',
      'partner.joined',
      'partner.joined',
      'partner.joined',
      'partner.joined',
    ])
    expect((await readAll('editionId=w3-2020&limit=500')).events).toHaveLength(5)
    // partner.registered belongs to no edition: only an unfiltered read shows it.
    expect((await readAll('types=partner.registered&limit=500')).events).toHaveLength(1)
    expect(
      (await readAll('types=partner.registered&editionId=ces-2020&limit=500')).events,
    ).toHaveLength(0)
  })

  it('never lets personal data out', async () => {
    await appendRacing(harness.store, 'startup-s-1', startupRegistered('s-1'))
    await appendRacing(harness.store, 'edition-ces-2020', applicationSubmitted('app-1', 's-1'))
    const profile = { startupId: 's-1', name: 'Calanques Tech', city: 'Marseille', territory: 'aix-marseille-provence', website: 'https://calanques.example', themes: ['environment'] }
    await appendRacing(harness.store, 'startup-s-1', { type: 'startup.profile-published', data: profile })
    await indexAll(harness.tables)
    const response = await read(`?limit=500`)
    const { events } = response.json()
    // Applications and registrations are never shared (anyone knowing a SIRET can register
    // one); the start-up goes out as the public knows it once it is published (selected).
    const types = events.map((e: { type: string }) => e.type)
    expect(types).not.toContain('application.submitted')
    expect(types).not.toContain('startup.registered')
    const published = events.filter((e: { type: string }) => e.type === 'startup.profile-published')
    expect(published).toHaveLength(1)
    expect(published[0].data).toEqual(profile)
    for (const event of events) expect(event).not.toHaveProperty('metadata')
    expect(response.text).not.toMatch(/Inès|ines@calanques|"contact"|73282932000074|sea water/)
    expect((await read('?types=application.submitted')).status).toBe(400)
    expect((await read('?types=startup.registered')).status).toBe(400)
  })

  it('refuses a foreign or altered cursor, a limit out of 1..500 and unknown types', async () => {
    const { next } = (await read('?limit=1')).json()
    const altered = `${next.slice(0, 2)}${next[2] === 'A' ? 'B' : 'A'}${next.slice(3)}`
    for (const cursor of ['bm90LWEtbnVtYmVy', '!!', altered, sequenceCursor.encode(-1)]) {
      const response = await read(`?after=${encodeURIComponent(cursor)}`)
      expect(response.json(), cursor).toMatchObject({
        status: 400,
        type: '/problems/invalid-cursor',
        detail: 'Pass back the `next` of a previous page unchanged',
      })
    }
    for (const query of ['?limit=0', '?limit=501', '?types=award.lost']) {
      const response = await read(query)
      expect(response.status, query).toBe(400)
    }
  })
})
