import { describe, expect, it } from 'vitest'
import { KnownVersions } from '../../../functions/store/known-versions.js'

describe('KnownVersions', () => {
  it('knows every version up to the highest seen, and nothing beyond', () => {
    const known = new KnownVersions()
    known.saw('edition-a', 3)
    known.saw('edition-a', 2)
    expect(known.exists('edition-a', 3)).toBe(true)
    expect(known.exists('edition-a', 1)).toBe(true)
    expect(known.exists('edition-a', 4)).toBe(false)
    expect(known.exists('edition-b', 1)).toBe(false)
  })

  it('forgets the least recently seen stream past its capacity', () => {
    const known = new KnownVersions(2)
    known.saw('a', 1)
    known.saw('b', 1)
    known.saw('a', 2)
    known.saw('c', 1)
    expect(known.exists('b', 1)).toBe(false)
    expect(known.exists('a', 2)).toBe(true)
    expect(known.exists('c', 1)).toBe(true)
  })
})
