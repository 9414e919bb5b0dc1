import { describe, expect, it } from 'vitest'
import { createDocumentCache } from '../../../functions/rebuild/document-cache.js'
import { createWrittenFilter } from '../../../functions/rebuild/written-filter.js'
import { countByType, everyEvent } from '../projector/test-projections.js'

const key = (id: string) => ({ collection: 'c', id })

describe('the rebuild’s document cache', () => {
  it('evicts the least recently used, and hands out only those that changed', () => {
    const cache = createDocumentCache([countByType, everyEvent])
    for (const id of ['a', 'b', 'c']) cache.hold(countByType, key(id), { doc: { id }, position: 1 })
    cache.hold(everyEvent, key('a'), undefined) // another projection's `a`: its own slot
    cache.touched(countByType, [key('a'), key('c')])
    expect(cache.use(countByType, [key('a'), key('z')])).toEqual([key('z')]) // `a` is recent now

    const evicted = cache.evict(2)

    expect(cache.size).toBe(2)
    expect([...cache.docsOf(countByType).keys()]).toEqual([`c\u0000a`])
    expect([...evicted.values()]).toEqual([{ key: key('c'), doc: { id: 'c' }, position: 1 }])
    expect([...cache.evict(0).values()].map((change) => change.key)).toEqual([key('a')])
    expect(cache.size).toBe(0)
  })
})

describe('the written filter', () => {
  it('never forgets a document it was told of, and rarely claims one it was not', () => {
    const written = createWrittenFilter(2 ** 16)
    const ids = Array.from({ length: 4_000 }, (_, i) => `startups\u0000s${i}`)
    for (const id of ids) written.add(id)

    expect(ids.every((id) => written.mayHave(id))).toBe(true)
    const others = Array.from({ length: 10_000 }, (_, i) => `startups\u0000t${i}`)
    // 4,000 in 64 Ki bits with 4 hashes: about 0.2 % false positives.
    expect(others.filter((id) => written.mayHave(id)).length).toBeLessThan(100)
  })
})
