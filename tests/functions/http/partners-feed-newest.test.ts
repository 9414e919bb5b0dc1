import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../../domain/events/index.js'
import { sequenceCursor } from '../../../functions/shared/cursor.js'
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

/**
 * `GET /feed?order=desc` (2.1.0) over the real event store, indexer and Feed: the newest
 * events first, `next` paging to older ones, filters honoured, withheld events never shown.
 */
describe('the partner feed, newest first', () => {
  let harness: ApiHarness
  let read: (query: string) => Promise<{ status: number; json(): any }>

  /** Appends one event to a stream at its current version. */
  const append = async (streamId: string, event: DomainEvent) => {
    const expectedVersion = await harness.store.streamVersion(streamId)
    await harness.store.append([{ streamId, expectedVersion, events: [event] }], {
      metadata: metadata(),
    })
  }

  beforeAll(async () => {
    harness = await apiHarness()
    const api = client(await inProcess().start(harness.app), harness)
    await append('partner-sud-agency', {
      type: 'partner.registered',
      data: { partnerId: 'sud-agency', name: 'Agence Sud', kind: 'region' },
    })
    const issued = await api.admin('POST', '/partners/sud-agency/keys', { scopes: ['feed:read'] })
    const apiKey = issued.json().apiKey as string
    read = (query) => api.public('GET', `/feed${query}`, undefined, { 'X-Api-Key': apiKey })
    // Shared: 1 partner.registered, then per edition an opening, a partner and two awards;
    // withheld between them: start-ups registered and their applications.
    for (const edition of ['ces-2030', 'vivatech-2030']) {
      await append(`edition-${edition}`, editionOpened(edition))
      await append(`startup-${edition}`, startupRegistered(`s-${edition}`))
      await append(
        `application-${edition}`,
        applicationSubmitted(`a-${edition}`, `s-${edition}`, { editionId: edition }),
      )
      await append(`edition-${edition}`, partnerJoined(`p-${edition}`, edition))
      await append(`edition-${edition}`, awardWon(`first-${edition}`, edition))
      await append(`edition-${edition}`, awardWon(`second-${edition}`, edition))
    }
    await indexAll(harness.tables)
  })
  afterAll(() => expect(harness.unexpected).toEqual([]))

  /** Every page, newest first, following `next` until a page brings nothing. */
  const readAllNewest = async (query: string) => {
    const pages: any[][] = []
    let cursor: string | undefined
    for (;;) {
      const response = await read(`?order=desc&${query}${cursor ? `&after=${cursor}` : ''}`)
      expect(response.status).toBe(200)
      const page = response.json()
      if (page.events.length === 0) return { pages, cursor: page.next as string }
      pages.push(page.events)
      cursor = page.next
    }
  }

  it('gives the newest first, and pages to older ones down to the first, each once', async () => {
    const oldestFirst = (await read('?limit=500')).json().events
    expect(oldestFirst.map((e: any) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    const { pages, cursor } = await readAllNewest('limit=4')
    expect(pages.map((page) => page.map((e) => e.sequence))).toEqual([
      [9, 8, 7, 6],
      [5, 4, 3, 2],
      [1],
    ])
    // The same events as the forward reading, reversed, withheld ones absent.
    expect(pages.flat()).toEqual([...oldestFirst].reverse())
    expect(pages.flat().map((e) => e.type)).not.toContain('startup.registered')
    expect(pages.flat().map((e) => e.type)).not.toContain('application.submitted')
    expect(sequenceCursor.decode(cursor)).toBe(1)
  })

  it('filters by type and edition, its cursor moving past what they leave out', async () => {
    const awards = await readAllNewest('types=award.won&editionId=ces-2030&limit=1')
    const forwards = (await read('?types=award.won&editionId=ces-2030&limit=500')).json().events
    expect(forwards.map((e: any) => e.data.awardId)).toEqual(['first-ces-2030', 'second-ces-2030'])
    expect(awards.pages).toEqual([[forwards[1]], [forwards[0]]])
    const vivatech = await readAllNewest('editionId=vivatech-2030&limit=500')
    expect(vivatech.pages.flat().map((e) => e.type)).toEqual([
      'award.won',
      'award.won',
      'partner.joined',
      'edition.opened',
    ])
  })

  it('shows an event as soon as it is indexed, on top', async () => {
    await append('edition-ces-2030', awardWon('late', 'ces-2030'))
    await indexAll(harness.tables)
    const [newest] = (await read('?order=desc&limit=1')).json().events
    expect(newest).toMatchObject({ sequence: 10, type: 'award.won', data: { awardId: 'late' } })
  })

  it('refuses an order it does not know and a cursor it did not hand out', async () => {
    expect((await read('?order=newest')).status).toBe(400)
    const response = await read(`?order=desc&after=${encodeURIComponent('!!')}`)
    expect(response.json()).toMatchObject({ status: 400, type: '/problems/invalid-cursor' })
  })
})
