import { describe, expect, it } from 'vitest'
import { InvalidCursorError } from '../../../functions/shared/cursor.js'
import { projectorHarness, wholeCollection } from '../projector/harness.js'

describe('read models', () => {
  it('pages through a collection with opaque cursors, and says when it is done', async () => {
    const { store, readModels } = await projectorHarness()
    const docs = Array.from({ length: 7 }, (_, i) => ({
      key: { collection: 'things', id: `thing-${i}` }, doc: { n: i }, position: i + 1,
    }))
    await store.writeDocs(1, docs)

    const first = await readModels.query('things', { limit: 3 })
    expect(first.items.map((i) => i.id)).toEqual(['thing-0', 'thing-1', 'thing-2'])
    // An opaque cursor, as every cursor of the API (functions/shared/cursor.ts): text and its digest.
    expect(first.next).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{8}$/)
    const last = await readModels.query('things', { limit: 4, cursor: first.next })
    expect(last.items.map((i) => i.doc)).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }, { n: 6 }])
    expect(last.next).toBeUndefined()
    expect(await wholeCollection(readModels, 'things', 2)).toHaveLength(7)
    expect(await readModels.query('nothing', { limit: 3 })).toEqual({ items: [] })
    expect(await readModels.get('things', 'thing-4')).toEqual({ doc: { n: 4 }, position: 5 })
  })

  it('hides the documents the projector keeps but does not show yet, across pages', async () => {
    const { store, readModels } = await projectorHarness()
    const docs = Array.from({ length: 9 }, (_, i) => ({
      key: { collection: 'things', id: `thing-${i}` }, doc: { n: i }, position: i + 1,
      hidden: i < 2 || (i > 3 && i < 8), // shown: 2, 3, 8
    }))
    await store.writeDocs(1, docs)

    expect(await readModels.get('things', 'thing-0')).toBeUndefined()
    expect(await readModels.get('things', 'thing-2')).toEqual({ doc: { n: 2 }, position: 3 })
    // Pages of 1 and 2: some come back short, even empty, and still lead to the end.
    for (const limit of [1, 2, 3]) {
      const all = await wholeCollection(readModels, 'things', limit)
      expect(all.map((item) => item.id)).toEqual(['thing-2', 'thing-3', 'thing-8'])
    }
    // What the projector loads has them all, hidden ones included.
    const keys = docs.map((d) => d.key)
    expect((await store.loadDocs(1, keys)).size).toBe(9)
  })

  it('refuses a cursor it did not hand out', async () => {
    const { readModels } = await projectorHarness()
    for (const cursor of ['not base64!', 'e30', Buffer.from('{"sk":1}').toString('base64url')]) {
      await expect(readModels.query('things', { limit: 3, cursor }))
        .rejects.toThrow(InvalidCursorError)
    }
  })

  it('reads the generation the pointer names, generation 1 without one', async () => {
    const { store, readModels } = await projectorHarness()
    const key = { collection: 'things', id: 'a' }
    await store.writeDocs(1, [{ key, doc: { v: 'old' }, position: 1 }])
    await store.setCheckpoints(1, new Map([['things', 1]]))
    expect(await readModels.currentGeneration()).toBe(1)

    const next = await store.allocateGeneration(1)
    await store.writeDocs(next, [{ key, doc: { v: 'new' }, position: 2 }])
    await store.setCheckpoints(next, new Map([['things', 2]]))
    expect((await readModels.get('things', 'a'))?.doc).toEqual({ v: 'old' })

    expect(await store.switchGeneration(1, next)).toBe(true)
    expect(next).toBe(2)
    expect(await readModels.currentGeneration()).toBe(2)
    expect((await readModels.get('things', 'a'))?.doc).toEqual({ v: 'new' })
    expect(await readModels.freshness('things')).toBe(2)
    // The switch only happens from the generation it started from.
    expect(await store.switchGeneration(1, 3)).toBe(false)
    expect(await store.allocateGeneration(2)).toBe(3)
  })
})
