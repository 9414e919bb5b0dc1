import { describe, expect, it } from 'vitest'
import type { FeedEvent, Projection } from '../../../domain/projections/projection.js'
import {
  type Commit,
  type DocCache,
  foldCommit,
  ProjectionTooWideError,
  tooLarge,
} from '../../../functions/projector/fold.js'
import { docId } from '../../../functions/projector/read-model-layout.js'
import { sampleEvents } from '../feed/feed-fixtures.js'
import { countByType, everyEvent, partnersByEdition } from './test-projections.js'

const feedEvents = (count: number, streams = 3): FeedEvent[] =>
  sampleEvents(count, streams).map((event, i) => ({ ...event, position: i + 1 }))

/** Every commit of a run of events, cut as the projector cuts them. */
const commitsOf = (projection: Projection<unknown>, events: FeedEvent[], docs: DocCache) => {
  const commits: Commit[] = []
  for (let rest = events; rest.length > 0; rest = rest.slice(commits.at(-1)!.folded)) {
    commits.push(foldCommit(projection, rest, docs))
  }
  return commits
}

describe('foldCommit', () => {
  it('folds a page into one commit up to its last event', () => {
    const commit = foldCommit(countByType, feedEvents(10), new Map())

    expect(commit).toMatchObject({ to: 10, folded: 10 })
    const byId = Object.fromEntries(commit.docs.map((d) => [d.key.id, d]))
    expect(byId['edition.opened']).toMatchObject({ doc: { count: 3 }, position: 3 })
    expect(byId['partner.joined']).toMatchObject({ doc: { count: 4 }, position: 10 })
    expect(byId['application.submitted']).toMatchObject({ doc: { count: 3 }, position: 9 })
  })

  it('cuts more than 99 changed documents into commits, each ending at its last event', () => {
    const docs: DocCache = new Map()
    const commits = commitsOf(everyEvent, feedEvents(250), docs)

    expect(commits.map((c) => [c.to, c.docs.length])).toEqual([[99, 99], [198, 99], [250, 52]])
  })

  it('never folds into a document an event that its commit does not reach', () => {
    const docs: DocCache = new Map()
    const wide = { ...countByType, keysOf: (e: FeedEvent) =>
      [{ collection: 'counts', id: e.type }, { collection: 'events', id: String(e.position) }] }

    const commit = foldCommit(wide, feedEvents(120), docs)

    expect(commit.to).toBeLessThan(120)
    for (const stored of docs.values()) expect(stored?.position).toBeLessThanOrEqual(commit.to)
    expect(docs.has(docId({ collection: 'events', id: String(commit.to + 1) }))).toBe(false)
  })

  it('moves the checkpoint over events the projection ignores', () => {
    const commit = foldCommit(partnersByEdition, feedEvents(3, 3), new Map()) // three openings

    expect(commit).toEqual({ to: 3, folded: 3, docs: [] })
  })

  it('leaves a document alone for events it has already seen (a replay)', () => {
    const events = feedEvents(6, 1) // show-1: opened, partner, application, partner, …
    const docs: DocCache = new Map([
      [docId({ collection: 'counts', id: 'partner.joined' }), { doc: { count: 2 }, position: 4 }],
    ])

    const commit = foldCommit(countByType, events, docs)

    const partners = commit.docs.find((d) => d.key.id === 'partner.joined')
    expect(partners).toMatchObject({ doc: { count: 3 }, position: 6 })
  })

  it('marks the documents the projection does not make public yet as hidden', () => {
    const oddOnly = { ...countByType, isPublic: (doc: { count: number }) => doc.count % 2 === 1 }

    const { docs } = foldCommit(oddOnly, feedEvents(5, 1), new Map())

    // show-1: opened, partner, application, partner, application
    const hidden = Object.fromEntries(docs.map((d) => [d.key.id, d.hidden ?? false]))
    expect(hidden).toEqual({
      'edition.opened': false, 'partner.joined': true, 'application.submitted': true,
    })
  })

  it('says when a commit’s documents are too large for one transaction', () => {
    const big = { ...everyEvent, evolve: () => ({ text: 'x'.repeat(60_000) }) }

    expect(tooLarge(foldCommit(big, feedEvents(60), new Map()))).toBe(false)
    expect(tooLarge(foldCommit(big, feedEvents(80), new Map()))).toBe(true)
  })

  it('refuses an event that touches more documents than a transaction holds', () => {
    const wide = { ...everyEvent, keysOf: (e: FeedEvent) =>
      Array.from({ length: 100 }, (_, i) => ({ collection: 'wide', id: `${e.position}-${i}` })) }

    expect(() => foldCommit(wide, feedEvents(1), new Map())).toThrow(ProjectionTooWideError)
  })
})
