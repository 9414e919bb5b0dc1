import { describe, expect, it } from 'vitest'
import type { FeedEvent } from '../../../domain/projections/projection.js'
import {
  foldBatch,
  ProjectionTooWideError,
  type DocCache,
} from '../../../functions/projector/fold.js'
import { docId } from '../../../functions/projector/read-model-layout.js'
import { sampleEvents } from '../feed/feed-fixtures.js'
import { countByType, everyEvent, partnersByEdition } from './test-projections.js'

const feedEvents = (count: number, streams = 3): FeedEvent[] =>
  sampleEvents(count, streams).map((event, i) => ({ ...event, position: i + 1 }))

describe('foldBatch', () => {
  it('folds a page into one commit up to its last event', () => {
    const docs: DocCache = new Map()
    const commits = foldBatch(countByType, feedEvents(10), docs)
    expect(commits).toHaveLength(1)
    expect(commits[0]?.to).toBe(10)
    const byId = Object.fromEntries(commits[0]!.docs.map((d) => [d.key.id, d]))
    expect(byId['edition.opened']).toMatchObject({ doc: { count: 3 }, position: 3 })
    expect(byId['partner.joined']).toMatchObject({ doc: { count: 4 }, position: 10 })
    expect(byId['application.submitted']).toMatchObject({ doc: { count: 3 }, position: 9 })
  })

  it('cuts more than 99 changed documents into commits, each ending at its last event', () => {
    const commits = foldBatch(everyEvent, feedEvents(250), new Map())
    expect(commits.map((c) => [c.to, c.docs.length])).toEqual([[99, 99], [198, 99], [250, 52]])
  })

  it('moves the checkpoint over events the projection ignores', () => {
    const commits = foldBatch(partnersByEdition, feedEvents(3, 3), new Map()) // three openings
    expect(commits).toEqual([{ to: 3, docs: [] }])
  })

  it('leaves a document alone for events it has already seen (a replay)', () => {
    const events = feedEvents(6, 1) // show-1: opened, partner, application, partner, …
    const docs: DocCache = new Map([
      [docId({ collection: 'counts', id: 'partner.joined' }), { doc: { count: 2 }, position: 4 }],
    ])
    const [commit] = foldBatch(countByType, events, docs)
    const partners = commit?.docs.find((d) => d.key.id === 'partner.joined')
    expect(partners).toMatchObject({ doc: { count: 3 }, position: 6 })
  })

  it('refuses an event that touches more documents than a transaction holds', () => {
    const wide = { ...everyEvent, keysOf: (e: FeedEvent) =>
      Array.from({ length: 100 }, (_, i) => ({ collection: 'wide', id: `${e.position}-${i}` })) }
    expect(() => foldBatch(wide, feedEvents(1), new Map())).toThrow(ProjectionTooWideError)
  })
})
